import { Query } from '@nestjs/cqrs';
import { StoredEvent } from '@vm-system/ledger';

export class ReadLedgerEventsQuery extends Query<StoredEvent[]> {
  constructor(
    readonly afterPosition: number,
    readonly limit: number,
  ) {
    super();
  }
}
