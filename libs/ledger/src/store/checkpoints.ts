import { SqlExecutor } from './sql-executor';

export function storeCheckpoint(sql: SqlExecutor, projection: string, position: number): void {
  sql.run('INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position', projection, position);
}

export function readCheckpoints(sql: SqlExecutor): { name: string; position: number }[] {
  return sql.all('SELECT name, position FROM projection_checkpoints ORDER BY name');
}
