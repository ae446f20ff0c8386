import { SqlExecutor } from './sql-executor';

/** Every projector's checkpoint in one statement (one round trip on PostgreSQL, not one per projector). */
export function storeCheckpoints(sql: SqlExecutor, projections: readonly string[], position: number): void {
  if (projections.length === 0) return;
  const values = projections.map(() => '(?, ?)').join(', ');
  sql.run(
    `INSERT INTO projection_checkpoints (name, position) VALUES ${values} ON CONFLICT(name) DO UPDATE SET position = excluded.position`,
    ...projections.flatMap((name) => [name, position]),
  );
}

export function readCheckpoints(sql: SqlExecutor): { name: string; position: number }[] {
  return sql.all('SELECT name, position FROM projection_checkpoints ORDER BY name');
}
