import type { EventChunk } from './protocol';
import type { ConsoleLevel, GuestEvent } from './runtime.types';

/**
 * Decodes what a session host sent (see EventChunk) into events, in order. Console batches
 * are guest-made data: anything that is not a well-formed `[level, text]` pair is dropped.
 */

const CONSOLE_LEVELS = new Set<string>(['log', 'info', 'warn', 'error', 'debug']);

export function decodeChunks(chunks: EventChunk[]): GuestEvent[] {
  const events: GuestEvent[] = [];
  for (const chunk of chunks) {
    if (typeof chunk !== 'string') {
      events.push(chunk);
      continue;
    }
    let batch: unknown;
    try {
      batch = JSON.parse(chunk);
    } catch {
      continue;
    }
    if (!Array.isArray(batch)) continue;
    for (const entry of batch) {
      if (Array.isArray(entry) && CONSOLE_LEVELS.has(entry[0]) && typeof entry[1] === 'string') {
        events.push({ type: 'console', payload: { level: entry[0] as ConsoleLevel, text: entry[1] } });
      }
    }
  }
  return events;
}
