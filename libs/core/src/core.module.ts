import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore, OpenDatabase } from '@vm-system/ledger';
import { CatalogQueryHandlers } from './catalog/queries';
import { CoreOptions } from './database/core-options';
import { databaseProviders } from './database/database.providers';
import { CORE_OPTIONS, DATABASE } from './database/tokens';
import { LedgerQueryHandlers } from './ledger/queries';
import { TemplateCommandHandlers } from './templates/commands';
import { TemplateQueryHandlers } from './templates/queries';

/** The transport-agnostic core: commands, queries and the stores behind them. */
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: OpenDatabase,
    private readonly store: EventStore,
  ) {}

  static forRoot(options: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: CORE_OPTIONS, useValue: options },
        ...databaseProviders,
        ...TemplateCommandHandlers,
        ...TemplateQueryHandlers,
        ...CatalogQueryHandlers,
        ...LedgerQueryHandlers,
      ],
      exports: [CqrsModule, ...databaseProviders],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.store.complete();
    if (this.db.dataSource.isInitialized) await this.db.dataSource.destroy();
  }
}
