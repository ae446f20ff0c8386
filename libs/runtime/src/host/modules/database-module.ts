import fs from 'node:fs';
import Database from 'better-sqlite3';
import { SizeBudget } from './guest-values';
import { HostModuleError } from './host-module-error';
import type { HostModule, HostModuleContext } from './host-module.types';
import { assertSqlAllowed } from './sql-guard';
import { guestPath } from './worktree-paths';

/**
 * `require('database')`: SQLite through better-sqlite3, one connection per session (configure
 * again replaces it; the session's end closes it, and a killed host loses nothing SQLite's
 * journal cannot recover). Loaded only in hosts whose template enables `database`.
 *
 * SQL errors reach the guest with SQLite's own message and code. Statements run synchronously
 * and cannot be interrupted once inside SQLite; row-producing queries check the execution's
 * wall time between rows, and the daemon's wall timer remains the backstop.
 */

const DRIVERS = new Set(['sqlite', 'sqlite3']);
const MEMORY = ':memory:';
/** Rows between wall-time checks while a query streams its result. */
const CHECK_EVERY_ROWS = 256;

type BindValue = number | string | bigint | null;
type Params = BindValue[] | [Record<string, BindValue>];

export function createDatabaseModule(ctx: HostModuleContext): HostModule {
  let db: Database.Database | null = null;

  const close = () => {
    const open = db;
    db = null;
    if (open?.open) open.close();
  };

  const connection = (): Database.Database => {
    if (db === null) throw new HostModuleError('No database configured: call configure(driver, dsn) first', { code: 'NOT_CONFIGURED' });
    return db;
  };

  // Runs `fn` and turns better-sqlite3's errors into guest errors that keep SQLite's message and code.
  const sqlite = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof HostModuleError) throw err;
      const e = err as { message?: unknown; code?: unknown };
      throw new HostModuleError(String(e?.message ?? err), typeof e?.code === 'string' ? { code: e.code } : {});
    }
  };

  return {
    close,
    functions: {
      configure(driver, dsn) {
        ctx.clock.remainingMs();
        if (typeof driver !== 'string' || !DRIVERS.has(driver.toLowerCase())) {
          throw new HostModuleError(`Unsupported database driver: ${String(driver)} (use "sqlite" or "sqlite3")`, { code: 'ERR_INVALID_ARG_VALUE' });
        }
        const file = dsn === MEMORY ? MEMORY : databaseFile(ctx.worktree, dsn);
        close();
        db = sqlite(() => new Database(file));
        return undefined;
      },

      query(sql, ...params) {
        const conn = connection();
        const stmt = prepare(conn, sql);
        const bind = bindParams(params);
        return sqlite(() => {
          if (!stmt.reader) {
            stmt.run(...bind);
            return [];
          }
          const rows: unknown[] = [];
          const budget = new SizeBudget();
          for (const row of stmt.iterate(...bind)) {
            budget.add(row);
            rows.push(row);
            if (rows.length % CHECK_EVERY_ROWS === 0) ctx.clock.remainingMs();
          }
          return rows;
        });
      },

      exec(sql, ...params) {
        const conn = connection();
        ctx.clock.remainingMs();
        if (typeof sql !== 'string') throw new HostModuleError('The SQL must be a string', { code: 'ERR_INVALID_ARG_TYPE' });
        assertSqlAllowed(sql);
        const bind = bindParams(params);
        return sqlite(() => {
          // Several statements (a schema script) run through exec(); parameters need one statement.
          const stmt = bind.length === 0 ? prepareSingle(conn, sql) : conn.prepare(sql);
          const before = totals(conn);
          if (stmt === null) conn.exec(sql);
          else stmt.run(...bind);
          const after = totals(conn);
          return { rowsAffected: after.total - before.total, lastInsertId: after.lastId };
        });
      },

      close() {
        close();
        return undefined;
      },
    },
  };

  function prepare(conn: Database.Database, sql: unknown): Database.Statement {
    ctx.clock.remainingMs();
    if (typeof sql !== 'string') throw new HostModuleError('The SQL must be a string', { code: 'ERR_INVALID_ARG_TYPE' });
    assertSqlAllowed(sql);
    return sqlite(() => conn.prepare(sql));
  }
}

// The dsn names a file inside the worktree (through the path guard); it may not exist yet.
function databaseFile(worktree: string, dsn: unknown): string {
  if (typeof dsn === 'string' && /^file:/i.test(dsn)) {
    throw new HostModuleError('URI filenames are not supported: use ":memory:" or a path inside the worktree', { code: 'ERR_INVALID_ARG_VALUE' });
  }
  const file = guestPath(worktree, dsn, 'dsn');
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined; // a new database file
  }
  if (stat !== undefined && !stat.isFile()) throw new HostModuleError(`Not a database file: ${String(dsn)}`, { code: 'EINVAL' });
  return file;
}

// Numbers, strings, null (and booleans as 1/0, as SQLite stores them); or one object of named
// parameters. Arrays and nested objects have no SQLite value.
function bindParams(params: unknown[]): Params {
  if (params.length === 1 && params[0] !== null && typeof params[0] === 'object' && !Array.isArray(params[0])) {
    const named: Record<string, BindValue> = {};
    for (const [key, value] of Object.entries(params[0] as Record<string, unknown>)) named[key] = bindValue(value);
    return [named];
  }
  return params.map(bindValue);
}

function bindValue(value: unknown): BindValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new HostModuleError(`Cannot bind a parameter of type ${Array.isArray(value) ? 'array' : typeof value}: use numbers, strings, booleans or null`, {
    code: 'ERR_INVALID_ARG_TYPE',
  });
}

/** The statement, or null when `sql` holds several (better-sqlite3 prepares one at a time). */
function prepareSingle(conn: Database.Database, sql: string): Database.Statement | null {
  try {
    return conn.prepare(sql);
  } catch (err) {
    if (err instanceof RangeError && /more than one statement/.test(err.message)) return null;
    throw err;
  }
}

function totals(conn: Database.Database): { total: number; lastId: number | string } {
  const row = conn.prepare('SELECT total_changes() AS total, last_insert_rowid() AS lastId').safeIntegers(true).get() as { total: bigint; lastId: bigint };
  const lastId = Number.isSafeInteger(Number(row.lastId)) ? Number(row.lastId) : row.lastId.toString();
  return { total: Number(row.total), lastId };
}
