import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, exportLine, iterateRows } from '@vm-system/ledger';
import { ExportLedgerQuery } from './export-ledger.query';

@QueryHandler(ExportLedgerQuery)
export class ExportLedgerHandler implements IQueryHandler<ExportLedgerQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ afterPosition }: ExportLedgerQuery): Promise<AsyncIterable<string>> {
    const rows = iterateRows(this.store.sql, afterPosition);
    // Async so the consumer's backpressure (a slow socket) paces the reads.
    return (async function* () {
      for (const row of rows) yield exportLine(row);
    })();
  }
}
