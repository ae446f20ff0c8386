import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, LedgerHead, readHead } from '@vm-system/ledger';
import { GetLedgerHeadQuery } from './get-ledger-head.query';

@QueryHandler(GetLedgerHeadQuery)
export class GetLedgerHeadHandler implements IQueryHandler<GetLedgerHeadQuery> {
  constructor(private readonly store: EventStore) {}

  async execute(): Promise<LedgerHead> {
    return readHead(this.store.sql);
  }
}
