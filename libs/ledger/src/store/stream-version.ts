import { SqlExecutor } from './sql-executor';

/** The last seq of a stream, 0 when it has none. */
export function streamVersion(sql: SqlExecutor, streamId: string): number {
  return sql.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM ledger_events WHERE stream_id = ?', streamId)?.seq ?? 0;
}
