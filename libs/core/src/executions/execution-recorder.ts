import { ExecutionEvent, executionStreamId } from '@vm-system/domain';
import { EventMetadata, EventStore } from '@vm-system/ledger';

/**
 * Appends one execution's events to its stream as they arrive, each batch in one
 * transaction with the seq it expects, and keeps what the execution's answer needs.
 */
export class ExecutionRecorder {
  private seq = 0;
  private lastValue?: Record<string, unknown>;
  private lastException?: Record<string, unknown>;
  private lastSystemError?: Record<string, unknown>;

  constructor(
    private readonly store: EventStore,
    readonly executionId: string,
    private readonly metadata: EventMetadata,
  ) {}

  record(events: readonly ExecutionEvent[]): void {
    if (events.length === 0) return;
    const stored = this.store.append(executionStreamId(this.executionId), this.seq, events, this.metadata);
    this.seq = stored[stored.length - 1].seq;
    for (const event of events) {
      if (event.type === 'value') this.lastValue = event.data;
      else if (event.type === 'exception') this.lastException = event.data;
      else if (event.type === 'system' && event.data.level === 'error') this.lastSystemError = event.data;
    }
  }

  get result(): Record<string, unknown> | undefined {
    return this.lastValue;
  }

  /** What went wrong: the exception's payload, or the system event's (limits, timeouts). */
  get error(): Record<string, unknown> | undefined {
    return this.lastException ?? this.lastSystemError;
  }
}
