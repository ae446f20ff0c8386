import { SqlExecutor } from './sql-executor';

/** The last row of the ledger: what the next append chains from. */
export interface LedgerHead {
  position: number;
  /** null on an empty ledger. */
  hash: string | null;
  recorded_at: string | null;
}

export function readHead(sql: SqlExecutor): LedgerHead {
  return (
    sql.get<LedgerHead>('SELECT position, hash, recorded_at FROM ledger_events ORDER BY position DESC LIMIT 1') ?? {
      position: 0,
      hash: null,
      recorded_at: null,
    }
  );
}
