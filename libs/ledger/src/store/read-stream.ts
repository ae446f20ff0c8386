import { LEDGER_COLUMNS, LedgerRow, toStoredEvent } from './row-mapping';
import { SqlExecutor } from './sql-executor';
import { StoredEvent } from './stored-event';

/** One page of a stream, seq > afterSeq, ascending: served by UNIQUE(stream_id, seq). */
export function readStream(sql: SqlExecutor, streamId: string, afterSeq: number, limit: number): StoredEvent[] {
  return sql.all<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger_events WHERE stream_id = ? AND seq > ? ORDER BY seq LIMIT ?`, streamId, afterSeq, limit).map(toStoredEvent);
}
