import { BeforeApplicationShutdown, DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { SessionSupervisor } from '@vm-system/runtime';
import { CatalogQueryHandlers } from './catalog/queries';
import { CoreOptions } from './database/core-options';
import { LedgerDatabase, databaseProviders } from './database/database.providers';
import { OtherWriters } from './database/other-writers';
import { ClusterMembership } from './cluster/cluster-membership';
import { ClusterQueryHandlers } from './cluster/queries';
import { DaemonMetrics } from './observability/daemon-metrics';
import { ObservabilityQueryHandlers } from './observability/queries';
import { CORE_OPTIONS, DATABASE } from './database/tokens';
import { ExecutionCommandHandlers } from './executions/commands';
import { ExecutionQueryHandlers } from './executions/queries';
import { SessionExecutor } from './executions/session-executor';
import { IdleSuspender } from './sessions/idle/idle-suspender';
import { SessionActivity } from './sessions/idle/session-activity';
import { SessionRestorer } from './sessions/restore/session-restorer';
import { LedgerQueryHandlers } from './ledger/queries';
import { LedgerCommandHandlers } from './ledger/commands';
import { AuditQueryHandlers } from './audit/queries';
import { SessionCommandHandlers } from './sessions/commands';
import { SessionQueryHandlers } from './sessions/queries';
import { runtimeProviders } from './sessions/runtime/runtime.providers';
import { TemplateCommandHandlers } from './templates/commands';
import { TemplateQueryHandlers } from './templates/queries';
import { TokenCommandHandlers } from './tokens/commands';
import { TokenQueryHandlers } from './tokens/queries';
import { TokenAuthenticator } from './tokens/token-authenticator';

/** The transport-agnostic core: commands, queries and the stores and runtime behind them. */
@Module({})
export class CoreModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: LedgerDatabase,
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
  ) {}

  static forRoot(options: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: CORE_OPTIONS, useValue: options },
        ...databaseProviders,
        OtherWriters,
        ClusterMembership,
        ...ClusterQueryHandlers,
        ...runtimeProviders,
        SessionExecutor,
        SessionActivity,
        SessionRestorer,
        IdleSuspender,
        ...TemplateCommandHandlers,
        ...TemplateQueryHandlers,
        ...SessionCommandHandlers,
        ...SessionQueryHandlers,
        ...ExecutionCommandHandlers,
        ...ExecutionQueryHandlers,
        ...CatalogQueryHandlers,
        ...LedgerQueryHandlers,
        ...LedgerCommandHandlers,
        ...AuditQueryHandlers,
        ...TokenCommandHandlers,
        ...TokenQueryHandlers,
        TokenAuthenticator,
        DaemonMetrics,
        ...ObservabilityQueryHandlers,
      ],
      exports: [CqrsModule, ...databaseProviders, ...runtimeProviders, TokenAuthenticator, DaemonMetrics, ClusterMembership],
    };
  }

  /** Before the HTTP server closes: live tails end, so their connections do not hold it open. */
  beforeApplicationShutdown(): void {
    this.store.complete();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.supervisor.shutdown();
    if (this.db.engine === 'postgres') await this.db.sql.close();
    else if (this.db.dataSource.isInitialized) await this.db.dataSource.destroy();
  }
}
