import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, StoredEvent } from '@vm-system/ledger';
import { ReadLedgerEventsQuery } from './read-ledger-events.query';

@QueryHandler(ReadLedgerEventsQuery)
export class ReadLedgerEventsHandler implements IQueryHandler<ReadLedgerEventsQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ afterPosition, limit }: ReadLedgerEventsQuery): Promise<StoredEvent[]> {
    return this.store.readAll(afterPosition, limit);
  }
}
