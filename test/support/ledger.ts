import { join } from 'node:path';
import { EventStore, LEDGER_MIGRATIONS, OpenDatabase, POSTGRES_LEDGER_MIGRATIONS, SqlExecutor, openDatabase, openPostgresDatabase, sqliteExecutor } from '@vm-system/ledger';
import { INLINE_PROJECTORS } from '@vm-system/core';
import { POSTGRES_PROJECTION_MIGRATIONS, PROJECTION_MIGRATIONS } from '@vm-system/projections';
import { tempDir } from './paths';
import { createTestPostgresDatabase, dropTestPostgresDatabase } from './postgres';

export type LedgerEngine = 'sqlite' | 'postgres';

/** The ledger contract suite runs on each engine. */
export const LEDGER_ENGINES: readonly LedgerEngine[] = ['sqlite', 'postgres'];

export interface TestLedger {
  engine: LedgerEngine;
  store: EventStore;
  sql: SqlExecutor;
  /** The SQLite file, or the PostgreSQL URL: what `--db` takes. */
  location: string;
  close(): Promise<void>;
}

export interface SqliteTestLedger extends TestLedger {
  db: OpenDatabase;
  file: string;
}

/** The real ledger on a real SQLite file, with the daemon's inline projections. */
export async function openTestLedger(file = join(tempDir(), 'ledger.db')): Promise<SqliteTestLedger> {
  const db = await openDatabase({ file, migrations: [...LEDGER_MIGRATIONS, ...PROJECTION_MIGRATIONS] });
  const sql = sqliteExecutor(db.handle);
  const store = new EventStore(sql, INLINE_PROJECTORS);
  return { engine: 'sqlite', db, store, sql, file, location: file, close: () => db.dataSource.destroy() };
}

/** The real ledger on either engine: a fresh SQLite file, or a fresh database on the suite's PostgreSQL. */
export async function openEngineLedger(engine: LedgerEngine): Promise<TestLedger> {
  if (engine === 'sqlite') return openTestLedger();
  const url = await createTestPostgresDatabase();
  const db = await openPostgresDatabase({ url, migrations: [...POSTGRES_LEDGER_MIGRATIONS, ...POSTGRES_PROJECTION_MIGRATIONS] });
  const store = new EventStore(db.sql, INLINE_PROJECTORS);
  return {
    engine,
    store,
    sql: db.sql,
    location: url,
    close: async () => {
      await db.sql.close();
      await dropTestPostgresDatabase(url);
    },
  };
}
