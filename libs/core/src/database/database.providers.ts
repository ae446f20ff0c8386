import { Provider } from '@nestjs/common';
import {
  DurableHorizon,
  EventStore,
  LEDGER_MIGRATIONS,
  OpenDatabase,
  OpenPostgresDatabase,
  POSTGRES_LEDGER_MIGRATIONS,
  SqlExecutor,
  isPostgresUrl,
  openDatabase,
  openPostgresDatabase,
  sqliteExecutor,
} from '@vm-system/ledger';
import {
  ExecutionsReadModel,
  POSTGRES_PROJECTION_MIGRATIONS,
  PROJECTION_MIGRATIONS,
  SessionsReadModel,
  TemplatesReadModel,
  TokensReadModel,
  executionsProjector,
  sessionsProjector,
  templatesProjector,
  tokensProjector,
} from '@vm-system/projections';
import { CoreOptions } from './core-options';
import { CORE_OPTIONS, DATABASE, SQL } from './tokens';

export const INLINE_PROJECTORS = [templatesProjector, sessionsProjector, executionsProjector, tokensProjector];

/** The embedded SQLite file, or the PostgreSQL database several daemons share. */
export type LedgerDatabase = OpenDatabase | OpenPostgresDatabase;

function openLedgerDatabase(options: CoreOptions): Promise<LedgerDatabase> {
  if (isPostgresUrl(options.db)) {
    return openPostgresDatabase({
      url: options.db,
      durability: options.durability,
      migrations: [...POSTGRES_LEDGER_MIGRATIONS, ...POSTGRES_PROJECTION_MIGRATIONS],
      applicationName: `vm-system ${options.nodeId ?? ''}`.trim(),
    });
  }
  return openDatabase({ file: options.db, durability: options.durability, groupCommit: true, migrations: [...LEDGER_MIGRATIONS, ...PROJECTION_MIGRATIONS] });
}

export const databaseProviders: Provider[] = [
  { provide: DATABASE, inject: [CORE_OPTIONS], useFactory: openLedgerDatabase },
  { provide: SQL, inject: [DATABASE], useFactory: (db: LedgerDatabase) => (db.engine === 'postgres' ? db.sql : sqliteExecutor(db.handle, db.horizon)) },
  // PostgreSQL syncs each commit itself, and `--durability normal` promises no sync: nothing to wait for.
  { provide: DurableHorizon, inject: [DATABASE], useFactory: (db: LedgerDatabase) => (db.engine === 'sqlite' && db.horizon) || new DurableHorizon(() => Promise.resolve()) },
  { provide: EventStore, inject: [SQL], useFactory: (sql: SqlExecutor) => new EventStore(sql, INLINE_PROJECTORS) },
  { provide: TemplatesReadModel, inject: [SQL], useFactory: (sql: SqlExecutor) => new TemplatesReadModel(sql) },
  { provide: SessionsReadModel, inject: [SQL], useFactory: (sql: SqlExecutor) => new SessionsReadModel(sql) },
  { provide: TokensReadModel, inject: [SQL], useFactory: (sql: SqlExecutor) => new TokensReadModel(sql) },
  { provide: ExecutionsReadModel, inject: [SQL], useFactory: (sql: SqlExecutor) => new ExecutionsReadModel(sql) },
];
