import { join } from 'node:path';
import { EventStore, LEDGER_MIGRATIONS, OpenDatabase, openDatabase, sqliteExecutor } from '@vm-system/ledger';
import { INLINE_PROJECTORS } from '@vm-system/core';
import { PROJECTION_MIGRATIONS } from '@vm-system/projections';
import { tempDir } from './paths';

export interface TestLedger {
  db: OpenDatabase;
  store: EventStore;
  file: string;
  close(): Promise<void>;
}

/** The real ledger on a real SQLite file, with the daemon's inline projections. */
export async function openTestLedger(file = join(tempDir(), 'ledger.db')): Promise<TestLedger> {
  const db = await openDatabase({ file, migrations: [...LEDGER_MIGRATIONS, ...PROJECTION_MIGRATIONS] });
  const store = new EventStore(sqliteExecutor(db.handle), INLINE_PROJECTORS);
  return { db, store, file, close: () => db.dataSource.destroy() };
}
