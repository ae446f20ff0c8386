import { ExecutionEvent, executionStreamId } from '@vm-system/domain';
import { EventMetadata, EventStore, HeldAppend, StreamBatch } from '@vm-system/ledger';

/**
 * Guest output waits in the daemon at most this long, or until this many events are
 * pending, before it is appended. Each append is a transaction and a commit (an fsync under
 * synchronous=FULL) plus a fixed cost (stream version, projection checkpoints): appending on
 * every event-loop turn, as before, meant one commit per host message (~100 lines) and a
 * 100,000-line flood recorded at ~80k events/s; windows of 10 ms / 2,000 events bring it to
 * the floor's batch size (see docs/benchmarks.md). What a window holds is in the daemon's
 * memory, so a dying session host loses none of it (finish() appends it); only a daemon
 * crash would, and that loses the execution's outcome anyway.
 */
const FLUSH_AFTER_MS = 10;
const FLUSH_EVENTS = 2000;

/**
 * Records one execution's stream. Its first event goes in one transaction with the
 * session's ExecutionStarted, its last ones with ExecutionFinished; what the guest prints
 * in between is appended in windows of at most FLUSH_AFTER_MS or FLUSH_EVENTS. Unless the
 * caller is answered at the start, the start is held back for the first window: an
 * execution that ends within it (most REPL inputs) is one commit, not two.
 *
 * A window the ledger refuses (a full disk, a lost database) is kept, in order, for the
 * next append to take along: nothing the guest printed is dropped from the middle of the
 * stream. `onRefused` hears of each refusal; the executor stops the run at the first.
 */
export class ExecutionRecorder {
  private pending: ExecutionEvent[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private lastValue?: Record<string, unknown>;
  private lastException?: Record<string, unknown>;
  private lastSystemError?: Record<string, unknown>;
  private heldStart?: HeldAppend;
  private refused = false;

  constructor(
    private readonly store: EventStore,
    readonly executionId: string,
    private readonly metadata: (causation: string) => EventMetadata,
    private readonly onRefused: (error: Error, first: boolean) => void,
  ) {}

  private get streamId(): string {
    return executionStreamId(this.executionId);
  }

  /**
   * ExecutionStarted first: the executions projection needs its row before the events.
   * `source`: the text, when first seen (committed at once: another session may be about
   * to record the same text). `hold`: the start may wait for the first window.
   */
  start(sessionBatch: StreamBatch, echo: ExecutionEvent, source: StreamBatch | undefined, hold: boolean): void {
    const batches = [...(source ? [source] : []), sessionBatch, this.own([echo])];
    if (!hold || source) {
      this.store.appendAll(batches, this.metadata('StartExecution'));
      return;
    }
    this.heldStart = this.store.defer(batches, this.metadata('StartExecution'));
    // On record within the first window, output or not.
    this.flushTimer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  /** True while the start is held back: the guest has run code the ledger does not show yet. */
  get startUnrecorded(): boolean {
    return this.heldStart?.held ?? false;
  }

  /** Gives up a start that could not be committed: it will never be. */
  discardStart(): void {
    this.heldStart?.discard();
  }

  /** Guest output: kept in order, appended within FLUSH_AFTER_MS (sooner once FLUSH_EVENTS are pending). */
  record(events: readonly ExecutionEvent[]): void {
    for (const event of events) {
      this.pending.push(event);
      this.remember(event);
    }
    if (this.pending.length >= FLUSH_EVENTS) this.flush();
    else if (this.flushTimer === null && this.pending.length > 0) this.flushTimer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  /** The last guest events, then ExecutionFinished, in one transaction; refused, they stay for the next try. */
  finish(sessionBatch: StreamBatch): void {
    const events = this.takePending();
    try {
      this.store.appendAll([this.own(events), sessionBatch], this.metadata('FinishExecution'));
    } catch (error) {
      this.pending = [...events, ...this.pending];
      throw error;
    }
  }

  /** True once the ledger refused some of this execution's output. */
  get outputRefused(): boolean {
    return this.refused;
  }

  get result(): Record<string, unknown> | undefined {
    return this.lastValue;
  }

  /**
   * What went wrong: the system event's payload when the daemon stopped the code (limits,
   * timeouts, a lost runtime: it names the cause even if the guest also saw an exception),
   * else the exception's.
   */
  get error(): Record<string, unknown> | undefined {
    return this.lastSystemError ?? this.lastException;
  }

  private flush(): void {
    const events = this.takePending();
    try {
      // A held start goes along with the events (they share its stream), or alone.
      if (events.length > 0) this.store.appendAll([this.own(events)], this.metadata('RecordExecutionEvents'));
      else this.heldStart?.commit();
    } catch (error) {
      // A failing append must not take the daemon down. The window waits for the next
      // append (the run's end, at the latest), ahead of what comes after it.
      this.pending = [...events, ...this.pending];
      const first = !this.refused;
      this.refused = true;
      this.onRefused(error as Error, first);
    }
  }

  private takePending(): ExecutionEvent[] {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    const events = this.pending;
    this.pending = [];
    return events;
  }

  private own(events: ExecutionEvent[]): StreamBatch {
    // 'any': besides this recorder only a session close or restart recovery writes here
    // (a system event saying why the execution stopped), and both must land.
    return { streamId: this.streamId, expectedSeq: 'any', events };
  }

  private remember(event: ExecutionEvent): void {
    if (event.type === 'value') this.lastValue = event.data;
    else if (event.type === 'exception') this.lastException = event.data;
    else if (event.type === 'system' && event.data.level === 'error') this.lastSystemError = event.data;
  }
}
