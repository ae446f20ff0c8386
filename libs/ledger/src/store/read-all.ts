import { LEDGER_COLUMNS, LedgerRow, toStoredEvent } from './row-mapping';
import { SqlExecutor } from './sql-executor';
import { StoredEvent } from './stored-event';

/** One page of the whole ledger in commit order, position > afterPosition. */
export function readAll(sql: SqlExecutor, afterPosition: number, limit: number): StoredEvent[] {
  return sql
    .all<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger_events WHERE position > ? ORDER BY position LIMIT ?`, afterPosition, limit)
    .map(toStoredEvent);
}

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
