import { performance } from 'node:perf_hooks';
import { Observable, Subject, merge } from 'rxjs';
import { Decider } from '@vm-system/domain';
import { AppendFence, ExpectedSeq, StreamBatch, appendToStreams } from './append';
import { InlineProjector } from './inline-projector';
import { readAll, headPosition } from './read-all';
import { readStream } from './read-stream';
import { SqlExecutor } from './sql-executor';
import { EventMetadata, NewEvent, StoredEvent } from './stored-event';
import { streamVersion } from './stream-version';
import { readCheckpoints } from './checkpoints';

export interface AppendMeasure {
  events: number;
  seconds: number;
}

/** Streams are read in pages this size when an aggregate is loaded. */
const LOAD_PAGE = 1000;

/**
 * Folded states kept per stream, so loading an aggregate reads only the events after the
 * cached seq instead of the whole stream: a session's stream grows by two events per
 * execution, and re-folding it on every command made executions O(history) (measured:
 * 32 ms per REPL after 1,000 executions, most of it re-reading the stream).
 */
const STATE_CACHE_SIZE = 1000;

/** Batches decided and held back from the ledger (see EventStore.defer). */
export interface HeldAppend {
  /** Commits what is still held, alone; nothing if a later append already took it along. */
  commit(): StoredEvent[];
  /** Drops what is still held: it will never be committed. */
  discard(): void;
  /** True until it is committed or discarded. */
  readonly held: boolean;
}

/** The ledger's public face: append with an expected seq, paged reads, a feed of commits. */
export class EventStore {
  private readonly committed = new Subject<StoredEvent>();
  private readonly states = new Map<string, { decider: unknown; state: unknown; seq: number }>();
  private readonly appends = new Subject<AppendMeasure>();
  /** Every event, after its transaction committed, in commit order. */
  readonly feed$: Observable<StoredEvent> = this.committed.asObservable();
  /** Every committed append (one transaction): how many events, and how long it took. */
  readonly appends$: Observable<AppendMeasure> = this.appends.asObservable();
  private readonly othersCommitted = new Subject<StoredEvent>();
  /** Up to where this process has announced the ledger's events (its own and other writers'). */
  private announced: number | undefined;
  /**
   * Every event any writer committed, in position order: this process's own appends and,
   * on a shared ledger, the other daemons' (see noticeOtherWriters). Live tails wake on it.
   */
  readonly commits$: Observable<StoredEvent> = merge(this.committed, this.othersCommitted);

  private fence?: AppendFence;
  /** Decided, not yet committed: folded into the aggregates they concern, committed before anything else written to their streams. */
  private held: StreamBatch[][] = [];

  constructor(
    readonly sql: SqlExecutor,
    readonly projectors: readonly InlineProjector[],
  ) {}

  /** Every later append is checked by `fence` inside its transaction (see AppendFence). */
  fenceAppends(fence: AppendFence): void {
    this.fence = fence;
  }

  append(streamId: string, expectedSeq: ExpectedSeq, events: readonly NewEvent[], metadata: EventMetadata = {}): StoredEvent[] {
    return this.appendAll([{ streamId, expectedSeq, events }], metadata);
  }

  /**
   * Holds decided batches back from the ledger, so that they can be committed in one
   * transaction with what follows them (an execution's start with its end). Meanwhile
   * they count as written for deciding: aggregate() folds them in (a second execution on
   * the session is refused as busy), and any append to one of their streams commits them
   * first, in the same transaction. Readers of the ledger and the read models do not see
   * them until then, and nothing is acknowledged before that.
   */
  defer(batches: readonly StreamBatch[], metadata: EventMetadata): HeldAppend {
    const entry = batches.map((batch) => ({ ...batch, metadata: batch.metadata ?? metadata }));
    this.held.push(entry);
    const isHeld = () => this.held.includes(entry);
    return {
      commit: () => {
        if (!this.release(entry)) return [];
        try {
          return this.appendAll(entry);
        } catch (error) {
          this.held.unshift(entry);
          throw error;
        }
      },
      discard: () => void this.release(entry),
      get held() {
        return isHeld();
      },
    };
  }

  /** Several streams' events in one transaction (one command touching two aggregates). */
  appendAll(batches: readonly StreamBatch[], metadata: EventMetadata = {}): StoredEvent[] {
    const startedAt = performance.now();
    const taken = this.takeHeldFor(batches);
    let stored: StoredEvent[];
    try {
      stored = appendToStreams(this.sql, this.projectors, taken.length > 0 ? [...taken.flat(), ...batches] : batches, metadata, this.fence);
    } catch (error) {
      // Still held: the next append to their streams tries again.
      this.held.unshift(...taken);
      throw error;
    }
    if (stored.length === 0) return stored;
    this.appends.next({ events: stored.length, seconds: (performance.now() - startedAt) / 1000 });
    // Another writer's commits just before ours are announced first, so commits$ stays in order.
    if (this.announced !== undefined && stored[0].position !== this.announced + 1) {
      if (this.othersCommitted.observed) this.announceOthers(stored[0].position - 1);
      else this.announced = stored[0].position - 1;
    }
    for (const event of stored) this.committed.next(event);
    if (this.announced !== undefined) this.announced = stored[stored.length - 1].position;
    // The caller's own events: what was held went along, but it is not the caller's.
    const heldEvents = taken.reduce((sum, entry) => sum + entry.reduce((n, batch) => n + batch.events.length, 0), 0);
    return heldEvents > 0 ? stored.slice(heldEvents) : stored;
  }

  private takeHeldFor(batches: readonly StreamBatch[]): StreamBatch[][] {
    if (this.held.length === 0) return [];
    const streams = new Set(batches.map((batch) => batch.streamId));
    const taken = this.held.filter((entry) => entry.some((batch) => streams.has(batch.streamId)));
    if (taken.length > 0) this.held = this.held.filter((entry) => !taken.includes(entry));
    return taken;
  }

  private release(entry: StreamBatch[]): boolean {
    const before = this.held.length;
    this.held = this.held.filter((held) => held !== entry);
    return this.held.length < before;
  }

  readStream(streamId: string, afterSeq = 0, limit = 1000): StoredEvent[] {
    return readStream(this.sql, streamId, afterSeq, limit);
  }

  readAll(afterPosition = 0, limit = 1000): StoredEvent[] {
    return readAll(this.sql, afterPosition, limit);
  }

  streamVersion(streamId: string): number {
    return streamVersion(this.sql, streamId);
  }

  headPosition(): number {
    return headPosition(this.sql);
  }

  checkpoints(): { name: string; position: number }[] {
    return readCheckpoints(this.sql);
  }

  /** Folds a stream into its aggregate state; answers the state and the seq it is at. */
  aggregate<C, E, S>(streamId: string, decider: Decider<C, E, S>): { state: S; seq: number } {
    const cached = this.states.get(streamId);
    let state = cached?.decider === decider ? (cached.state as S) : decider.initialState();
    let seq = cached?.decider === decider ? cached.seq : 0;
    for (;;) {
      // Events after the cached seq only; another process may have appended some.
      const page = this.readStream(streamId, seq, LOAD_PAGE);
      for (const event of page) state = decider.evolve(state, { type: event.type, data: event.data } as E);
      if (page.length > 0) seq = page[page.length - 1].seq;
      if (page.length < LOAD_PAGE) break;
    }
    // States are immutable values (evolve returns new ones), so sharing them is safe.
    this.states.delete(streamId);
    this.states.set(streamId, { decider, state, seq });
    if (this.states.size > STATE_CACHE_SIZE) this.states.delete(this.states.keys().next().value!);
    return this.withHeld(streamId, decider, state, seq);
  }

  private withHeld<C, E, S>(streamId: string, decider: Decider<C, E, S>, state: S, seq: number): { state: S; seq: number } {
    for (const entry of this.held) {
      for (const batch of entry) {
        if (batch.streamId !== streamId) continue;
        for (const event of batch.events) state = decider.evolve(state, { type: event.type, data: event.data } as E);
        seq += batch.events.length;
      }
    }
    return { state, seq };
  }

  /**
   * On a ledger other daemons write too: announces on commits$ what they committed since
   * the last call. Called on each of the database's commit notifications and by a poll that
   * covers a lost notification; the first call only marks where announcing starts.
   */
  noticeOtherWriters(): void {
    if (this.announced === undefined) {
      this.announced = this.headPosition();
      return;
    }
    // Nobody follows: the others' rows need not be read, only passed.
    if (!this.othersCommitted.observed) this.announced = this.headPosition();
    else this.announceOthers(Number.MAX_SAFE_INTEGER);
  }

  private announceOthers(upTo: number): void {
    for (;;) {
      const page = readAll(this.sql, this.announced!, LOAD_PAGE).filter((event) => event.position <= upTo);
      for (const event of page) {
        this.announced = event.position;
        this.othersCommitted.next(event);
      }
      if (page.length < LOAD_PAGE) return;
    }
  }

  complete(): void {
    this.othersCommitted.complete();
    this.committed.complete();
    this.appends.complete();
  }
}
