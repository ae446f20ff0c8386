import { RecordedCalls } from './recorded-calls';
import { ExecutionKind, ForkedFrom, SessionEvent } from './session.events';

/** One execution a restore runs again, with what it observed the first time. */
export interface ReplayStep {
  executionId: string;
  kind: ExecutionKind;
  input?: string;
  path?: string;
  args: Record<string, unknown>;
  env: Record<string, unknown>;
  sourceSha256?: string;
  recordedCalls?: RecordedCalls;
}

/** A session's own part of its history: what a restore replays, what it skips. */
export interface OwnHistory {
  forkedFrom?: ForkedFrom;
  /** What the libraries observed while they loaded (SessionReady). */
  libraryCalls?: RecordedCalls;
  steps: ReplayStep[];
  skipped: string[];
  /** Every execution of the session, in order: fork points are looked up here. */
  executionIds: string[];
}

type Finished = Extract<SessionEvent, { type: 'ExecutionFinished' }>['data'];

/**
 * Ledgers from before `replayable` was recorded: `ok` replays, and so does an `error` whose
 * error is the guest's exception (a system error, with its `level`, was the daemon stopping it).
 */
export function isReplayable(finished: Finished): boolean {
  if (finished.replayable !== undefined) return finished.replayable;
  if (finished.status === 'ok') return true;
  const error = finished.error as { level?: unknown } | undefined;
  return finished.status === 'error' && (error === undefined || error.level === undefined);
}

/**
 * Pure: reads a session stream into its replay history. `upTo` ends it after that execution
 * (a fork point); executions still running are neither replayed nor skipped.
 */
export function ownHistory(events: readonly SessionEvent[], upTo?: string): OwnHistory {
  const history: OwnHistory = { steps: [], skipped: [], executionIds: [] };
  const started = new Map<string, ReplayStep>();
  for (const event of events) {
    switch (event.type) {
      case 'SessionStarted':
        if (event.data.forked_from) history.forkedFrom = event.data.forked_from;
        break;
      case 'SessionReady':
        if (event.data.recorded_calls) history.libraryCalls = event.data.recorded_calls;
        break;
      case 'ExecutionStarted': {
        const { execution_id, kind, input, path, args, env, source_sha256 } = event.data;
        started.set(execution_id, { executionId: execution_id, kind, input, path, args, env, sourceSha256: source_sha256 });
        history.executionIds.push(execution_id);
        break;
      }
      case 'ExecutionFinished': {
        const step = started.get(event.data.execution_id);
        if (step === undefined) break;
        if (isReplayable(event.data)) history.steps.push({ ...step, recordedCalls: event.data.recorded_calls });
        else history.skipped.push(step.executionId);
        if (step.executionId === upTo) return history;
        break;
      }
      default:
        break;
    }
  }
  return history;
}
