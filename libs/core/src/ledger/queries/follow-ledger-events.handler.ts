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
    let headBeforeRead = 0;
    return followPages(
      {
        feed$: store.commits$,
        wakesOn: (event) => matchesFilter(filter, event),
        // The head is read first: every position up to it is committed (positions are
        // given in commit order), so the filtered read has seen all of them, whoever wrote them.
        readPage: (cursor) => {
          headBeforeRead = store.headPosition();
          return readFiltered(store.sql, filter, cursor, PAGE);
        },
        cursorOf: (event) => event.position,
        isDone: () => false,
        scannedTo: () => headBeforeRead,
      },
      afterPosition,
      signal,
    );
  }
}
