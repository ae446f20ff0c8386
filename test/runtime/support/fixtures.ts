import { randomUUID } from 'node:crypto';
import os from 'node:os';
import assert from 'node:assert/strict';
import type { GuestEvent, RunBudget, RunOutcome, RunRequest, RuntimeLimits, RuntimeSession, SessionSpec } from '@vm-system/runtime';

/** Small limits keep the suite fast; tests that need more say so. */
export const TEST_LIMITS: RuntimeLimits = { cpu_ms: 200, wall_ms: 1000, mem_mb: 64, max_events: 1000, max_output_kb: 256 };

export interface SpecOverrides {
  id?: string;
  limits?: Partial<RuntimeLimits>;
  modules?: string[];
  runtime?: Partial<SessionSpec['runtime']>;
  worktreePath?: string;
  capabilities?: SessionSpec['capabilities'];
}

export function makeSpec(overrides: SpecOverrides = {}): SessionSpec {
  return {
    sessionId: overrides.id ?? randomUUID(),
    worktreePath: overrides.worktreePath ?? os.tmpdir(),
    limits: { ...TEST_LIMITS, ...overrides.limits },
    modules: overrides.modules ?? [],
    runtime: { console: true, strict: false, ...overrides.runtime },
    maxRecordedCalls: 100_000,
    ...(overrides.capabilities === undefined ? {} : { capabilities: overrides.capabilities }),
  };
}

export interface Collected {
  outcome: RunOutcome;
  events: GuestEvent[];
  sinkCalls: number;
}

/** What the daemon counts for the input_echo event before the run. */
export function echoBudget(text: string): RunBudget {
  return { eventsUsed: 1, bytesUsed: Buffer.byteLength(JSON.stringify({ text })) };
}

export async function run(session: RuntimeSession, req: RunRequest, budget?: RunBudget): Promise<Collected> {
  const events: GuestEvent[] = [];
  let sinkCalls = 0;
  const outcome = await session.run(req, budget ?? echoBudget(req.kind === 'repl' ? req.code : req.filename), (batch) => {
    sinkCalls += 1;
    events.push(...batch);
  });
  return { outcome, events, sinkCalls };
}

export function repl(session: RuntimeSession, code: string, budget?: RunBudget): Promise<Collected> {
  return run(session, { kind: 'repl', code }, budget);
}

/** The run's single value event (asserts it is the last event and the run is ok). */
export function valueOf(c: Collected): Extract<GuestEvent, { type: 'value' }>['payload'] {
  assert.equal(c.outcome.status, 'ok', `expected ok, got ${JSON.stringify(c)}`);
  const last = c.events[c.events.length - 1];
  assert.equal(last?.type, 'value', `expected a value event last, got ${JSON.stringify(c.events)}`);
  assert.equal(c.events.filter((e) => e.type === 'value').length, 1);
  return (last as Extract<GuestEvent, { type: 'value' }>).payload;
}

/** The run's single exception event (asserts the run ended in error). */
export function exceptionOf(c: Collected): { message: string; stack: string } {
  assert.equal(c.outcome.status, 'error', `expected error, got ${JSON.stringify(c)}`);
  const exceptions = c.events.filter((e) => e.type === 'exception');
  assert.equal(exceptions.length, 1, `expected one exception, got ${JSON.stringify(c.events)}`);
  return (exceptions[0] as Extract<GuestEvent, { type: 'exception' }>).payload;
}

export function consoleLines(c: Collected): { level: string; text: string }[] {
  return c.events.flatMap((e) => (e.type === 'console' ? [e.payload] : []));
}

export function systemMessages(c: Collected): string[] {
  return c.events.flatMap((e) => (e.type === 'system' ? [e.payload.message] : []));
}
