import { Command } from '@nestjs/cqrs';
import { ImportReport } from '@vm-system/ledger';

/** Loads an `audit export` file (NDJSON) into this daemon's empty ledger. */
export class ImportLedgerCommand extends Command<ImportReport> {
  constructor(readonly file: string) {
    super();
  }
}
