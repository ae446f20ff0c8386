import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore, OpenDatabase } from '@vm-system/ledger';
import { SessionSupervisor } from '@vm-system/runtime';
import { CatalogQueryHandlers } from './catalog/queries';
import { CoreOptions } from './database/core-options';
import { databaseProviders } from './database/database.providers';
import { CORE_OPTIONS, DATABASE } from './database/tokens';
import { ExecutionCommandHandlers } from './executions/commands';
import { ExecutionQueryHandlers } from './executions/queries';
import { SessionExecutor } from './executions/session-executor';
import { LedgerQueryHandlers } from './ledger/queries';
import { SessionCommandHandlers } from './sessions/commands';
import { SessionQueryHandlers } from './sessions/queries';
import { runtimeProviders } from './sessions/runtime/runtime.providers';
import { TemplateCommandHandlers } from './templates/commands';
import { TemplateQueryHandlers } from './templates/queries';

/** The transport-agnostic core: commands, queries and the stores and runtime behind them. */
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: OpenDatabase,
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
        ...runtimeProviders,
        SessionExecutor,
        ...TemplateCommandHandlers,
        ...TemplateQueryHandlers,
        ...SessionCommandHandlers,
        ...SessionQueryHandlers,
        ...ExecutionCommandHandlers,
        ...ExecutionQueryHandlers,
        ...CatalogQueryHandlers,
        ...LedgerQueryHandlers,
      ],
      exports: [CqrsModule, ...databaseProviders, ...runtimeProviders],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.supervisor.shutdown();
    this.store.complete();
    if (this.db.dataSource.isInitialized) await this.db.dataSource.destroy();
  }
}
