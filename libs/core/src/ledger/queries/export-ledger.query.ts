import { Query } from '@nestjs/cqrs';

/** The ledger from a position on, as NDJSON lines (no newline): what `audit import` reads. */
export class ExportLedgerQuery extends Query<AsyncIterable<string>> {
  constructor(readonly afterPosition: number) {
    super();
  }
}
