import type { GuestEvent, RunBudget, RuntimeLimits } from './runtime.types';

/**
 * The daemon's authoritative count of an execution's events and payload bytes against
 * max_events / max_output_kb. The guest counts the same way (to stop the code at the exact
 * console call), but what is recorded is decided here: the first event that would cross a
 * limit is dropped, and so is everything after it.
 */

export type OutputLimit = 'max_events' | 'max_output_kb';

export class OutputBudget {
  private events: number;
  private bytes: number;
  private trippedLimit: OutputLimit | null = null;

  constructor(
    private readonly limits: Pick<RuntimeLimits, 'max_events' | 'max_output_kb'>,
    used: RunBudget,
  ) {
    this.events = used.eventsUsed;
    this.bytes = used.bytesUsed;
  }

  get tripped(): OutputLimit | null {
    return this.trippedLimit;
  }

  /** True when the event may be recorded; false once a limit is (or just got) crossed. */
  admit(event: GuestEvent): boolean {
    if (this.trippedLimit !== null) return false;
    if (this.events + 1 > this.limits.max_events) {
      this.trippedLimit = 'max_events';
      return false;
    }
    const size = payloadBytes(event);
    if (this.bytes + size > this.limits.max_output_kb * 1024) {
      this.trippedLimit = 'max_output_kb';
      return false;
    }
    this.events += 1;
    this.bytes += size;
    return true;
  }

  /** Records a crossing the guest detected first (the crossing event never left the guest). */
  trip(limit: OutputLimit): void {
    if (this.trippedLimit === null) this.trippedLimit = limit;
  }
}

export function limitMessage(limit: OutputLimit, limits: Pick<RuntimeLimits, 'max_events' | 'max_output_kb'>): string {
  const what = limit === 'max_events' ? `max_events (${limits.max_events} events per execution)` : `max_output_kb (${limits.max_output_kb} KB of output per execution)`;
  return `Output limit exceeded: ${what}; further output was dropped and the code was stopped`;
}

/**
 * Buffer.byteLength(JSON.stringify(event.payload)). Console payloads, by far the most common,
 * are measured without building the object's JSON: `{"level":"` + level + `","text":` +
 * JSON(text) + `}` is 20 bytes plus the level and the text's JSON.
 */
export function payloadBytes(event: GuestEvent): number {
  if (event.type === 'console') {
    return 20 + event.payload.level.length + Buffer.byteLength(JSON.stringify(event.payload.text));
  }
  return Buffer.byteLength(JSON.stringify(event.payload));
}
