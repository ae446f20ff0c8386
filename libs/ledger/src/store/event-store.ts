import { performance } from 'node:perf_hooks';
import { Observable, Subject } from 'rxjs';
import { Decider } from '@vm-system/domain';
import { ExpectedSeq, StreamBatch, appendToStreams } from './append';
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

/** The ledger's public face: append with an expected seq, paged reads, a feed of commits. */
export class EventStore {
  private readonly committed = new Subject<StoredEvent>();
  private readonly states = new Map<string, { decider: unknown; state: unknown; seq: number }>();
  private readonly appends = new Subject<AppendMeasure>();
  /** Every event, after its transaction committed, in commit order. */
  readonly feed$: Observable<StoredEvent> = this.committed.asObservable();
  /** Every committed append (one transaction): how many events, and how long it took. */
  readonly appends$: Observable<AppendMeasure> = this.appends.asObservable();

  constructor(
    readonly sql: SqlExecutor,
    readonly projectors: readonly InlineProjector[],
  ) {}

  append(streamId: string, expectedSeq: ExpectedSeq, events: readonly NewEvent[], metadata: EventMetadata = {}): StoredEvent[] {
    return this.appendAll([{ streamId, expectedSeq, events }], metadata);
  }

  /** Several streams' events in one transaction (one command touching two aggregates). */
  appendAll(batches: readonly StreamBatch[], metadata: EventMetadata = {}): StoredEvent[] {
    const startedAt = performance.now();
    const stored = appendToStreams(this.sql, this.projectors, batches, metadata);
    if (stored.length > 0) this.appends.next({ events: stored.length, seconds: (performance.now() - startedAt) / 1000 });
    for (const event of stored) this.committed.next(event);
    return stored;
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
    return { state, seq };
  }

  complete(): void {
    this.committed.complete();
    this.appends.complete();
  }
}
