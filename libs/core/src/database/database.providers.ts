import { Provider } from '@nestjs/common';
import { EventStore, LEDGER_MIGRATIONS, OpenDatabase, SqlExecutor, openDatabase, sqliteExecutor } from '@vm-system/ledger';
import {
  ExecutionsReadModel,
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

export const databaseProviders: Provider[] = [
  {
    provide: DATABASE,
    inject: [CORE_OPTIONS],
    useFactory: (options: CoreOptions) => openDatabase({ file: options.dbFile, durability: options.durability, migrations: [...LEDGER_MIGRATIONS, ...PROJECTION_MIGRATIONS] }),
  },
  { provide: SQL, inject: [DATABASE], useFactory: (db: OpenDatabase) => sqliteExecutor(db.handle) },
  { provide: EventStore, inject: [SQL], useFactory: (sql: SqlExecutor) => new EventStore(sql, INLINE_PROJECTORS) },
  { provide: TemplatesReadModel, inject: [SQL], useFactory: (sql: SqlExecutor) => new TemplatesReadModel(sql) },
  { provide: SessionsReadModel, inject: [SQL], useFactory: (sql: SqlExecutor) => new SessionsReadModel(sql) },
  { provide: TokensReadModel, inject: [SQL], useFactory: (sql: SqlExecutor) => new TokensReadModel(sql) },
  { provide: ExecutionsReadModel, inject: [SQL], useFactory: (sql: SqlExecutor) => new ExecutionsReadModel(sql) },
];
