import { decodeChunks } from '../event-chunks';
import { OutputBudget } from '../output-budget';
import type { EventChunk } from '../protocol';
import type { GuestEvent, ReplayDifference, ReplayedRun, ReplayItem } from '../runtime.types';
import type { IsolateSession } from './isolate-session';

/**
 * Runs recorded executions again in this host, quietly: their events are compared with the
 * recorded ones instead of being reported, and their outside observations come from the tape.
 * What a user saw is compared (console, value, exception payloads, whole); metrics and
 * timings are not. The same output budget as the daemon's decides which events count.
 */

const COMPARED = new Set<GuestEvent['type']>(['console', 'value', 'exception']);

export async function replayRuns(session: IsolateSession, items: ReplayItem[], stopAtFirstDifference: boolean): Promise<ReplayedRun[]> {
  const runs: ReplayedRun[] = [];
  for (const item of items) {
    const run = await replayOne(session, item);
    runs.push(run);
    if (run.verdict === 'diverged' && stopAtFirstDifference) break;
  }
  return runs;
}

async function replayOne(session: IsolateSession, item: ReplayItem): Promise<ReplayedRun> {
  const chunks: EventChunk[] = [];
  session.redirect((chunk) => chunks.push(chunk));
  let result;
  try {
    result = await session.run(item.req, item.budget, () => undefined, { mode: 'replay', recorded: item.recordedCalls });
  } finally {
    session.redirect(null);
  }
  const budget = new OutputBudget(session.limits, item.budget);
  const actual = decodeChunks(chunks).filter((event) => budget.admit(event) && COMPARED.has(event.type));
  const diverged = (firstDifference: ReplayDifference): ReplayedRun => ({ executionId: item.executionId, verdict: 'diverged', firstDifference });
  if (result.crashed !== undefined) return diverged({ index: actual.length, expected: null, actual: null, detail: `the replay lost its isolate: ${result.crashed}` });
  const index = firstDifferentIndex(item.expected, actual);
  if (index !== -1) return diverged({ index, expected: item.expected[index] ?? null, actual: actual[index] ?? null });
  if (result.divergence !== undefined) return diverged({ index: actual.length, expected: null, actual: null, detail: result.divergence });
  return { executionId: item.executionId, verdict: 'same' };
}

function firstDifferentIndex(expected: GuestEvent[], actual: GuestEvent[]): number {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    if (expected[i] === undefined || actual[i] === undefined || !sameEvent(expected[i], actual[i])) return i;
  }
  return -1;
}

// The same code writes both copies, so their keys nearly always come in the same order: plain
// JSON decides most comparisons at a fifth of the cost of sorting every object's keys.
function sameEvent(expected: GuestEvent, actual: GuestEvent): boolean {
  return JSON.stringify(expected) === JSON.stringify(actual) || canonical(expected) === canonical(actual);
}

/** JSON with sorted keys: the ledger's copy and a fresh one may order keys differently. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
