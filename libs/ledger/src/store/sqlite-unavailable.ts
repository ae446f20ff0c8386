import { DomainError } from '@vm-system/domain';

/**
 * Whether SQLite refused for a reason outside the statement, one that goes away by itself:
 * the disk is full (SQLITE_FULL), the file system fails to read or write (SQLITE_IOERR and
 * its extended codes), or another process kept the write lock past the busy timeout
 * (SQLITE_BUSY). The caller may retry later; nothing of the refused transaction was kept.
 */
export function isSqliteUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code === 'SQLITE_BUSY' || code.startsWith('SQLITE_IOERR'));
}

/** 503 to the caller, as PostgreSQL's PostgresUnavailableError: the ledger cannot take this now. */
export class SqliteUnavailableError extends DomainError {
  constructor(cause: Error & { code?: string }) {
    super('LEDGER_UNAVAILABLE', `SQLite unavailable (${cause.code}): ${cause.message}`);
  }
}

/** The error to throw in place of `error`: LEDGER_UNAVAILABLE when SQLite's cause is passing, else the error itself. */
export function asSqliteUnavailable(error: unknown): unknown {
  return isSqliteUnavailable(error) ? new SqliteUnavailableError(error as Error & { code?: string }) : error;
}
