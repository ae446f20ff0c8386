import { Observable, Subscription, filter } from 'rxjs';
import { StoredEvent } from '@vm-system/ledger';

export interface FollowSource<T> {
  /** The ledger's commit feed; it only wakes the follower, the database stays the source. */
  feed$: Observable<StoredEvent>;
  wakesOn(event: StoredEvent): boolean;
  /** Items after the cursor, ascending; an empty page means caught up. */
  readPage(cursor: number): T[];
  cursorOf(item: T): number;
  /** True once nothing more can come (checked right after a caught-up read). */
  isDone(): boolean;
  /**
   * Where a caught-up read has looked up to, when that is past the last item (a filtered
   * read of the ledger scanned up to the head): the next read starts there, not again
   * from the last match.
   */
  scannedTo?(): number;
}

/**
 * Yields every item after `after`, then waits for commits and yields what they added,
 * until the source is done, the signal aborts or the feed completes (daemon shutdown).
 * Gapless: a caught-up read, the done check and the subscription to the next wake-up
 * happen in one synchronous stretch, so no commit can fall between them.
 */
export async function* followPages<T>(source: FollowSource<T>, after: number, signal: AbortSignal): AsyncGenerator<T> {
  let cursor = after;
  for (;;) {
    let page = source.readPage(cursor);
    if (page.length === 0) {
      if (signal.aborted) return;
      if (source.isDone()) {
        // Read once more before ending: another daemon may have committed the last items
        // and the end between the caught-up read and the check (items commit first).
        page = source.readPage(cursor);
        if (page.length === 0) return;
      } else {
        cursor = Math.max(cursor, source.scannedTo?.() ?? cursor);
        if (!(await nextWake(source, signal))) return;
        continue;
      }
    }
    for (const item of page) {
      cursor = source.cursorOf(item);
      yield item;
      if (signal.aborted) return;
    }
  }
}

function nextWake(source: FollowSource<unknown>, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    let subscription: Subscription | undefined;
    let settled = false;
    const settle = (woke: boolean) => {
      if (settled) return;
      settled = true;
      subscription?.unsubscribe();
      signal.removeEventListener('abort', onAbort);
      resolve(woke);
    };
    const onAbort = () => settle(false);
    signal.addEventListener('abort', onAbort);
    // A completed feed (shutdown) completes during subscribe, before `subscription` is set.
    subscription = source.feed$.pipe(filter((event) => source.wakesOn(event))).subscribe({
      next: () => settle(true),
      complete: () => settle(false),
    });
    if (settled) subscription.unsubscribe();
  });
}
