import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, StoredEvent, readFiltered } from '@vm-system/ledger';
import { ReadLedgerEventsQuery } from './read-ledger-events.query';

@QueryHandler(ReadLedgerEventsQuery)
export class ReadLedgerEventsHandler implements IQueryHandler<ReadLedgerEventsQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ afterPosition, limit, filter }: ReadLedgerEventsQuery): Promise<StoredEvent[]> {
    return readFiltered(this.store.sql, filter, afterPosition, limit);
  }
}
