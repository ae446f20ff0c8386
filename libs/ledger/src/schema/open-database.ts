import type { Database } from 'better-sqlite3';
import { DataSource, MigrationInterface } from 'typeorm';
import { DurableHorizon } from '../store/durable-horizon';
import { walSync } from './wal-sync';

export type Durability = 'full' | 'normal';

/**
 * WAL pages between automatic checkpoints (SQLite's default is 1,000, ~4 MB). A checkpoint
 * runs inside the commit that crosses the mark, copying every page the WAL holds back into
 * the database file; a console flood crossed it every few hundred milliseconds, and the
 * same index and read-model pages were copied over and over. At 10,000 (~40 MB of WAL) a
 * 100,000-line flood records ~25% faster (docs/benchmarks.md); the cost is a longer pause
 * on the one commit in ~500 REPLs that checkpoints, and up to ~40 MB of WAL on disk.
 */
const WAL_PAGES_PER_CHECKPOINT = 10_000;

export interface OpenDatabaseOptions {
  file: string;
  migrations: (new () => MigrationInterface)[];
  durability?: Durability;
  /**
   * Under `full`, commit without SQLite's own sync and let a DurableHorizon sync the log
   * for every commit about to be acknowledged (one sync shared by the commits before it).
   * Only for a process that waits for the horizon before it acknowledges anything (the
   * daemon's one HTTP gate); other writers keep a sync per commit.
   */
  groupCommit?: boolean;
}

export interface OpenDatabase {
  engine: 'sqlite';
  dataSource: DataSource;
  /** The driver's own handle: the append needs its synchronous transactions. */
  handle: Database;
  /** With groupCommit under `full`: what is durable, and the sync that moves it. */
  horizon?: DurableHorizon;
}

/** Opens (creating if needed) the SQLite file, in WAL mode, and migrates its schema. */
export async function openDatabase({ file, migrations, durability = 'full', groupCommit = false }: OpenDatabaseOptions): Promise<OpenDatabase> {
  const syncEachCommit = durability === 'full' && !groupCommit;
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: file,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    // Another process holding the write lock is waited for, not failed at once.
    timeout: 5000,
    prepareDatabase: (db: Database) => {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${syncEachCommit ? 'FULL' : 'NORMAL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma(`wal_autocheckpoint = ${WAL_PAGES_PER_CHECKPOINT}`);
    },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const handle = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  if (!(durability === 'full' && groupCommit)) return { engine: 'sqlite', dataSource, handle };
  const sync = walSync(file);
  // The migrations committed without a sync of their own.
  await sync();
  return { engine: 'sqlite', dataSource, handle, horizon: new DurableHorizon(sync) };
}
