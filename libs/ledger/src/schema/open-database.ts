import type { Database } from 'better-sqlite3';
import { DataSource, MigrationInterface } from 'typeorm';

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
}

export interface OpenDatabase {
  engine: 'sqlite';
  dataSource: DataSource;
  /** The driver's own handle: the append needs its synchronous transactions. */
  handle: Database;
}

/** Opens (creating if needed) the SQLite file, in WAL mode, and migrates its schema. */
export async function openDatabase({ file, migrations, durability = 'full' }: OpenDatabaseOptions): Promise<OpenDatabase> {
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
      db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma(`wal_autocheckpoint = ${WAL_PAGES_PER_CHECKPOINT}`);
    },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const handle = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  return { engine: 'sqlite', dataSource, handle };
}
