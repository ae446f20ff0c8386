import { LEDGER_COLUMNS, LedgerRow, toStoredEvent } from './row-mapping';
import { SqlExecutor } from './sql-executor';
import { StoredEvent } from './stored-event';

/** One page of the whole ledger in commit order, position > afterPosition. */
export function readAll(sql: SqlExecutor, afterPosition: number, limit: number): StoredEvent[] {
  return sql.all<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger_events WHERE position > ? ORDER BY position LIMIT ?`, afterPosition, limit).map(toStoredEvent);
}

/** Which events a reader wants; every field narrows. */
export interface LedgerFilter {
  streamId?: string;
  /** template, session, execution, token or source. */
  streamKind?: string;
  type?: string;
}

/** One page of the events that match the filter, position > afterPosition, in commit order. */
export function readFiltered(sql: SqlExecutor, filter: LedgerFilter, afterPosition: number, limit: number): StoredEvent[] {
  const where = ['position > ?'];
  const params: unknown[] = [afterPosition];
  if (filter.streamId) {
    where.push('stream_id = ?');
    params.push(filter.streamId);
  }
  // A range, not LIKE: the stream kind is the id's prefix up to the dash.
  if (filter.streamKind) {
    where.push('stream_id > ? AND stream_id < ?');
    params.push(`${filter.streamKind}-`, `${filter.streamKind}.`);
  }
  if (filter.type) {
    where.push('type = ?');
    params.push(filter.type);
  }
  return sql.all<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger_events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`, ...params, limit).map(toStoredEvent);
}

export const matchesFilter = (filter: LedgerFilter, event: StoredEvent): boolean =>
  (!filter.streamId || event.stream_id === filter.streamId) &&
  (!filter.streamKind || event.stream_id.startsWith(`${filter.streamKind}-`)) &&
  (!filter.type || event.type === filter.type);

/** Walks the ledger page by page so a replay never holds the whole history in memory. */
export function* iterateAll(sql: SqlExecutor, afterPosition = 0, pageSize = 5000): Generator<StoredEvent> {
  let cursor = afterPosition;
  for (;;) {
    const page = readAll(sql, cursor, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    cursor = page[page.length - 1].position;
  }
}

export function headPosition(sql: SqlExecutor): number {
  return sql.get<{ position: number | null }>('SELECT MAX(position) AS position FROM ledger_events')?.position ?? 0;
}
