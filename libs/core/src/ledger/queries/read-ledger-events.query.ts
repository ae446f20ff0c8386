import { Query } from '@nestjs/cqrs';
import { LedgerFilter, StoredEvent } from '@vm-system/ledger';

export class ReadLedgerEventsQuery extends Query<StoredEvent[]> {
  constructor(
    readonly afterPosition: number,
    readonly limit: number,
    readonly filter: LedgerFilter = {},
  ) {
    super();
  }
}
