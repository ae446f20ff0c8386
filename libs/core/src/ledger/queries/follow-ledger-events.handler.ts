import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, StoredEvent, matchesFilter, readFiltered } from '@vm-system/ledger';
import { followPages } from '../follow/follow-pages';
import { FollowLedgerEventsQuery } from './follow-ledger-events.query';

const PAGE = 1000;

@QueryHandler(FollowLedgerEventsQuery)
export class FollowLedgerEventsHandler implements IQueryHandler<FollowLedgerEventsQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ afterPosition, filter, signal }: FollowLedgerEventsQuery): Promise<AsyncIterable<StoredEvent>> {
    const { store } = this;
    return followPages(
      {
        feed$: store.feed$,
        wakesOn: (event) => matchesFilter(filter, event),
        readPage: (cursor) => readFiltered(store.sql, filter, cursor, PAGE),
        cursorOf: (event) => event.position,
        isDone: () => false,
        scannedTo: () => store.headPosition(),
      },
      afterPosition,
      signal,
    );
  }
}
