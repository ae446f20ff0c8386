import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { EventStore, ShadowRebuildReport, rebuildInShadow, rebuildInTransaction } from '@vm-system/ledger';
import { CoreOptions } from '../../database/core-options';
import { CORE_OPTIONS, DATABASE } from '../../database/tokens';
import type { LedgerDatabase } from '../../database/database.providers';
import { RebuildProjectionsCommand } from './rebuild-projections.command';

@CommandHandler(RebuildProjectionsCommand)
export class RebuildProjectionsHandler implements ICommandHandler<RebuildProjectionsCommand> {
  private running = false;

  constructor(
    @Inject(DATABASE) private readonly db: LedgerDatabase,
    @Inject(CORE_OPTIONS) private readonly options: CoreOptions,
    private readonly store: EventStore,
  ) {}

  async execute({ onProgress }: RebuildProjectionsCommand): Promise<ShadowRebuildReport> {
    if (this.running) throw new DomainError('REBUILD_IN_PROGRESS', 'A projection rebuild is already running in this daemon');
    this.running = true;
    try {
      if (this.db.engine === 'postgres') return rebuildInTransaction(this.db.sql, this.store.projectors, onProgress);
      return await rebuildInShadow(this.db.handle, this.store.projectors, `${this.options.db}.rebuild`, onProgress);
    } finally {
      this.running = false;
    }
  }
}
