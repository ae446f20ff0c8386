import { createHash } from 'node:crypto';
import { DomainError, ReplayStep, executionStreamId } from '@vm-system/domain';
import { EventStore, StoredEvent } from '@vm-system/ledger';
import { GuestEvent, ReplayItem, RunRequest } from '@vm-system/runtime';
import { readWhole } from '../../shared/read-whole';
import { readSource } from '../../executions/sources';

const COMPARED = new Set(['console', 'value', 'exception']);

/** The steps as the host replays them: the exact request that ran, its budget, its recorded events. */
export function replayItems(store: EventStore, steps: ReplayStep[]): ReplayItem[] {
  return steps.map((step) => {
    const echo = step.kind === 'repl' ? (step.input ?? '') : (step.path ?? '');
    return {
      executionId: step.executionId,
      req: replayRequest(store, step),
      // Like the live run: input_echo is the first event, counted towards the limits.
      budget: { eventsUsed: 1, bytesUsed: Buffer.byteLength(JSON.stringify({ text: echo })) },
      recordedCalls: step.recordedCalls,
      expected: recordedEvents(store, step.executionId),
    };
  });
}

function replayRequest(store: EventStore, step: ReplayStep): RunRequest {
  if (step.kind === 'repl') return { kind: 'repl', code: step.input ?? '' };
  const code = step.sourceSha256 === undefined ? undefined : readSource(store, step.sourceSha256);
  if (code === undefined || createHash('sha256').update(code).digest('hex') !== step.sourceSha256) {
    throw new DomainError('SOURCE_NOT_RECORDED', `Execution ${step.executionId} (${step.path}) has no recorded source to replay`, {
      execution_id: step.executionId,
    });
  }
  const filename = step.path ?? 'file';
  // Startup files run without __ARGS__/__ENV__, as they did live.
  return step.kind === 'startup' ? { kind: 'file', code, filename } : { kind: 'file', code, filename, args: step.args, env: step.env };
}

function recordedEvents(store: EventStore, executionId: string): GuestEvent[] {
  return readWhole(
    (after) => store.readStream(executionStreamId(executionId), after, 1000),
    (e: StoredEvent) => e.seq,
  )
    .filter((e) => COMPARED.has(e.type))
    .map((e) => ({ type: e.type, payload: e.data }) as GuestEvent);
}
