import { SqlExecutor } from './sql-executor';

export interface ExecutionEventRow {
  execution_id: string;
  seq: number;
  ts: string;
  type: string;
  payload: unknown;
}

/** An execution's events in the shape users page through (`after_seq`), read from the ledger. */
export function executionStreamEvents(sql: SqlExecutor, executionId: string, afterSeq: number, limit: number): ExecutionEventRow[] {
  return sql
    .all<{ seq: number; recorded_at: string; type: string; data: string }>(
      'SELECT seq, recorded_at, type, data FROM ledger_events WHERE stream_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      `execution-${executionId}`,
      afterSeq,
      limit,
    )
    .map((r) => ({ execution_id: executionId, seq: r.seq, ts: r.recorded_at, type: r.type, payload: JSON.parse(r.data) }));
}
