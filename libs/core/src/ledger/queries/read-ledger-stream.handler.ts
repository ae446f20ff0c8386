import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, StoredEvent } from '@vm-system/ledger';
import { ReadLedgerStreamQuery } from './read-ledger-stream.query';

@QueryHandler(ReadLedgerStreamQuery)
export class ReadLedgerStreamHandler implements IQueryHandler<ReadLedgerStreamQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ streamId, afterSeq, limit }: ReadLedgerStreamQuery): Promise<StoredEvent[]> {
    return this.store.readStream(streamId, afterSeq, limit);
  }
}
