import { SqlExecutor } from './sql-executor';

export interface ExecutionEventRow {
  execution_id: string;
  seq: number;
  ts: string;
  type: string;
  payload: unknown;
}

/** An execution's events as stored: `data` is the JSON text the append wrote. */
export interface StoredExecutionEvent {
  seq: number;
  recorded_at: string;
  type: string;
  data: string;
}

/** One page of an execution's stream as stored (`after_seq`, ascending). */
export function executionStreamRows(sql: SqlExecutor, executionId: string, afterSeq: number, limit: number): StoredExecutionEvent[] {
  return sql.all<StoredExecutionEvent>(
    'SELECT seq, recorded_at, type, data FROM ledger_events WHERE stream_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    `execution-${executionId}`,
    afterSeq,
    limit,
  );
}

/** An execution's events in the shape users page through (`after_seq`), read from the ledger. */
export function executionStreamEvents(sql: SqlExecutor, executionId: string, afterSeq: number, limit: number): ExecutionEventRow[] {
  return executionStreamRows(sql, executionId, afterSeq, limit).map((r) => executionEventRow(executionId, r));
}

/** One stored event of an execution in the shape users page through. */
export function executionEventRow(executionId: string, r: StoredExecutionEvent): ExecutionEventRow {
  return { execution_id: executionId, seq: r.seq, ts: r.recorded_at, type: r.type, payload: JSON.parse(r.data) };
}
