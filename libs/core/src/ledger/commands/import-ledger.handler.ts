import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore, ImportReport, importLedger } from '@vm-system/ledger';
import { readLinesSync } from './read-lines-sync';
import { ImportLedgerCommand } from './import-ledger.command';

@CommandHandler(ImportLedgerCommand)
export class ImportLedgerHandler implements ICommandHandler<ImportLedgerCommand> {
  constructor(private readonly store: EventStore) {}

  async execute({ file }: ImportLedgerCommand): Promise<ImportReport> {
    // One synchronous transaction: an import into an empty daemon has nothing to wait for.
    return importLedger(this.store.sql, this.store.projectors, readLinesSync(file));
  }
}
