import type { Database, Statement } from 'better-sqlite3';
import type { DurableHorizon } from './durable-horizon';
import { asSqliteUnavailable } from './sqlite-unavailable';

/**
 * The small synchronous SQL port that the append path and the inline projections use.
 * Synchronous on purpose: the append, its projections and their checkpoints form one
 * BEGIN IMMEDIATE critical section that no other JS can interleave with.
 */
export interface SqlExecutor {
  run(sql: string, ...params: unknown[]): { changes: number };
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  /** Runs fn in a write transaction that takes the write lock up front. */
  immediate<T>(fn: () => T): T;
}

/** `horizon`: told of every write, which is durable only once it has synced (see openDatabase's groupCommit). */
export function sqliteExecutor(db: Database, horizon?: DurableHorizon): SqlExecutor {
  // Prepared statements are cached per SQL text: the hot paths reuse a handful.
  const statements = new Map<string, Statement<unknown[]>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[]>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  // A full disk or a failing file system is the ledger being unavailable (503, retry),
  // not a bug (500): the transaction it hit is rolled back, and the next one may succeed.
  const guarded = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw asSqliteUnavailable(error);
    }
  };
  return {
    run: (sql, ...params) =>
      guarded(() => {
        const result = prepare(sql).run(...params);
        horizon?.noteWrite();
        return result;
      }),
    get: <T>(sql: string, ...params: unknown[]) => guarded(() => prepare(sql).get(...params) as T | undefined),
    all: <T>(sql: string, ...params: unknown[]) => guarded(() => prepare(sql).all(...params) as T[]),
    immediate: <T>(fn: () => T): T => guarded(() => db.transaction(fn).immediate()),
  };
}

/** A UNIQUE/PRIMARY KEY/… constraint refused the row, whichever engine said so. */
export function isConstraintViolation(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code);
  // PostgreSQL's SQLSTATE class 23: integrity constraint violation.
  return code.startsWith('SQLITE_CONSTRAINT') || /^23\d{3}$/.test(code);
}
