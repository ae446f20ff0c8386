import { Query } from '@nestjs/cqrs';
import { StoredEvent } from '@vm-system/ledger';

export class ReadLedgerStreamQuery extends Query<StoredEvent[]> {
  constructor(
    readonly streamId: string,
    readonly afterSeq: number,
    readonly limit: number,
  ) {
    super();
  }
}
