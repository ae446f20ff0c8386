import { performance } from 'node:perf_hooks';
import { Observable, Subject } from 'rxjs';

/**
 * A write is durable once a sync that started after it has ended. Unsynced writes are at
 * most this old: a commit nobody waits for (guest output with no one following) still
 * reaches the disk soon, so a power cut takes back at most this much of what nobody saw.
 */
const SYNC_UNWAITED_AFTER_MS = 200;

const SETTLED = Promise.resolve();

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * What a power cut cannot take back. Commits are written without a sync of their own; a
 * caller that is about to acknowledge something (an answer, a live tail's line) waits for
 * `whenDurable()`, which covers every write made before the call. Callers waiting at the
 * same time share one sync, and writes made while a sync runs are covered by the next one:
 * group commit, with the sync off the event loop.
 */
export class DurableHorizon {
  private written = 0;
  private durable = 0;
  private waiting: Waiter[] = [];
  private syncing = false;
  private unwaited?: NodeJS.Timeout;
  private readonly synced = new Subject<{ seconds: number }>();
  /** Every successful sync, and how long it took. */
  readonly syncs$: Observable<{ seconds: number }> = this.synced.asObservable();

  /** `sync` makes every write made before it was called survive a power cut. */
  constructor(private readonly sync: () => Promise<void>) {}

  /** A write was made: it is not durable until a sync that starts from now on ends. */
  noteWrite(): void {
    this.written++;
    this.unwaited ??= setTimeout(() => {
      this.unwaited = undefined;
      void this.whenDurable().catch(() => undefined);
    }, SYNC_UNWAITED_AFTER_MS).unref();
  }

  /** True when every write made so far is durable. */
  get settled(): boolean {
    return this.durable >= this.written;
  }

  /** Resolves once every write made before this call is durable; rejects if the sync failed. */
  whenDurable(): Promise<void> {
    if (this.settled) return SETTLED;
    const upTo = this.written;
    return new Promise((resolve, reject) => {
      this.waiting.push({ upTo, resolve, reject });
      this.startSync();
    });
  }

  private startSync(): void {
    if (this.syncing) return;
    this.syncing = true;
    const upTo = this.written;
    const startedAt = performance.now();
    this.sync().then(
      () => {
        this.synced.next({ seconds: (performance.now() - startedAt) / 1000 });
        this.settle(upTo);
      },
      (error: Error) => this.fail(upTo, error),
    );
  }

  private settle(upTo: number): void {
    this.durable = Math.max(this.durable, upTo);
    this.release(upTo, (waiter) => waiter.resolve());
  }

  private fail(upTo: number, error: Error): void {
    this.release(upTo, (waiter) => waiter.reject(error));
  }

  private release(upTo: number, done: (waiter: Waiter) => void): void {
    this.syncing = false;
    const later: Waiter[] = [];
    for (const waiter of this.waiting) {
      if (waiter.upTo <= upTo) done(waiter);
      else later.push(waiter);
    }
    this.waiting = later;
    if (later.length > 0) this.startSync();
  }
}
