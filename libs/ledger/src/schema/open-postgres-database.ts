import { Client } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';
import { Durability } from './open-database';
import { PostgresExecutor, postgresExecutor } from '../postgres/postgres-executor';

/** Held while a daemon migrates, so that daemons starting at once on an empty database queue up. */
const MIGRATION_LOCK = 7_000_002;

export interface OpenPostgresDatabaseOptions {
  url: string;
  migrations: (new () => MigrationInterface)[];
  durability?: Durability;
  applicationName?: string;
}

export interface OpenPostgresDatabase {
  engine: 'postgres';
  url: string;
  sql: PostgresExecutor;
}

/** Migrates the PostgreSQL schema (TypeORM, as on SQLite) and opens the synchronous SQL port on it. */
export async function openPostgresDatabase({ url, migrations, durability = 'full', applicationName }: OpenPostgresDatabaseOptions): Promise<OpenPostgresDatabase> {
  await migratePostgres(url, migrations);
  const sql = postgresExecutor({ url, durability, applicationName });
  // Fails here, at start, when the database cannot be reached, rather than on the first request.
  sql.get('SELECT 1 AS ok');
  return { engine: 'postgres', url, sql };
}

async function migratePostgres(url: string, migrations: (new () => MigrationInterface)[]): Promise<void> {
  const lock = new Client({ connectionString: url, application_name: 'vm-system migrations' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const dataSource = new DataSource({ type: 'postgres', url, migrations, migrationsTableName: 'schema_migrations', synchronize: false, logging: false });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end();
  }
}
