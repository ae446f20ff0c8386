import type { Database } from 'better-sqlite3';
import { DataSource, MigrationInterface } from 'typeorm';

export type Durability = 'full' | 'normal';

export interface OpenDatabaseOptions {
  file: string;
  migrations: (new () => MigrationInterface)[];
  durability?: Durability;
}

export interface OpenDatabase {
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
    },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const handle = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  return { dataSource, handle };
}
