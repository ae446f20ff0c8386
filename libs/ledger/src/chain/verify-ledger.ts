import { LEDGER_COLUMNS, LedgerRow } from '../store/row-mapping';
import { SqlExecutor } from '../store/sql-executor';
import { ChainBreak, ChainVerifier } from './chain-verifier';

export type VerifyReport =
  { ok: true; count: number; head_position: number; head_hash: string | null } | ({ ok: false; count: number; first_bad_position: number } & Omit<ChainBreak, 'position'>);

const PAGE = 5000;

/** Raw rows (stored text, hash included) in position order, a page at a time. */
export function* iterateRows(sql: SqlExecutor, afterPosition = 0): Generator<LedgerRow> {
  let cursor = afterPosition;
  for (;;) {
    const page = sql.all<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger_events WHERE position > ? ORDER BY position LIMIT ?`, cursor, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    cursor = page[page.length - 1].position;
  }
}

export function verifyReport(verifier: ChainVerifier): VerifyReport {
  const broken = verifier.firstBreak;
  if (!broken) return { ok: true, count: verifier.count, head_position: verifier.headPosition, head_hash: verifier.headHash };
  const { position, ...rest } = broken;
  return { ok: false, count: verifier.count, first_bad_position: position, ...rest };
}

/** Walks the whole chain from position 1; stops at the first row that does not match. */
export function verifyLedger(sql: SqlExecutor, onProgress?: (checked: number) => void): VerifyReport {
  const verifier = new ChainVerifier();
  for (const row of iterateRows(sql)) {
    if (!verifier.check(row)) break;
    if (verifier.count % 50_000 === 0) onProgress?.(verifier.count);
  }
  return verifyReport(verifier);
}
