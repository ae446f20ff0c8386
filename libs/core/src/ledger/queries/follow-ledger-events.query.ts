import { Query } from '@nestjs/cqrs';
import { LedgerFilter, StoredEvent } from '@vm-system/ledger';

/** The ledger's events after a position, then each new one as it commits, until aborted. */
export class FollowLedgerEventsQuery extends Query<AsyncIterable<StoredEvent>> {
  constructor(
    readonly afterPosition: number,
    readonly filter: LedgerFilter,
    readonly signal: AbortSignal,
  ) {
    super();
  }
}
