import { ExecutionKind, ExecutionStatus, RestoreReason } from '../session/session.events';
import { SessionStatus } from '../session/session.state';

/** How the runtime lost the host during an execution, when it did. */
export type HostLoss = 'timeout' | 'memory' | 'host_lost' | 'cancel';

/** What the runtime reports at the end of an execution. */
export interface ExecutionOutcome {
  kind: ExecutionKind;
  status: Exclude<ExecutionStatus, 'running'>;
  /** Set when the host was stopped or died: its isolate, and the session's live state, are gone. */
  hostLoss?: HostLoss;
  limitExceeded?: 'max_events' | 'max_output_kb';
  /** More than runtime.max_recorded_calls outside observations: the recording is incomplete. */
  recordingOverflowed?: boolean;
  /** Stopped part-way because its session was closed or the daemon shut down. */
  abandoned?: boolean;
  /** The ledger refused some of its output (full disk, lost database): the daemon stopped it. */
  outputUnrecorded?: boolean;
}

export type SessionAfter = { type: 'keep' } | { type: 'restore'; reason: RestoreReason } | { type: 'crash' };

export type ExecutionAnswer = { type: 'done' } | { type: 'output_limit'; limit: 'max_events' | 'max_output_kb' };

export interface ExecutionVerdict {
  /** A restore runs it again (with its recorded calls) to rebuild the session's state. */
  replayable: boolean;
  session: SessionAfter;
  answer: ExecutionAnswer;
}

/**
 * Pure: what an execution's outcome means for the ledger, its session and its caller.
 * - Replayable: it ended `ok`, or `error` by an exception or at an output limit (both stop at
 *   a deterministic point), with a complete recording. A timeout, a cancel, a lost host and a
 *   recording overflow are not: their partial effects are dropped by a restore.
 * - A lost host is restored to the state before the execution; during startup there is no
 *   state to come back to, so the session crashes (as a failing startup file does).
 * - A crossed output limit is answered 422 once everything is recorded.
 * - Output the ledger refused makes the recording incomplete: not replayed either.
 */
export function decideExecutionOutcome(outcome: ExecutionOutcome): ExecutionVerdict {
  const cleanEnd = outcome.hostLoss === undefined && outcome.recordingOverflowed !== true && outcome.abandoned !== true && outcome.outputUnrecorded !== true;
  const replayable = cleanEnd && (outcome.status === 'ok' || outcome.status === 'error');
  let session: SessionAfter = { type: 'keep' };
  if (outcome.hostLoss !== undefined) session = outcome.kind === 'startup' ? { type: 'crash' } : { type: 'restore', reason: outcome.hostLoss };
  const answer: ExecutionAnswer = outcome.limitExceeded ? { type: 'output_limit', limit: outcome.limitExceeded } : { type: 'done' };
  return { replayable, session, answer };
}

/**
 * Pure: the status an execution's end records. One the daemon stopped because the ledger
 * refused its output ended in error (its system event says why), not by a caller's cancel.
 */
export function recordedStatus(outcome: Pick<ExecutionOutcome, 'status' | 'outputUnrecorded'>): ExecutionOutcome['status'] {
  return outcome.outputUnrecorded ? 'error' : outcome.status;
}

/**
 * A host that died while no execution ran: a ready session is rebuilt from its history; one
 * still starting has no history to rebuild and crashes; any other has no host to lose.
 */
export function decideIdleHostLoss(status: SessionStatus): SessionAfter {
  if (status === 'ready') return { type: 'restore', reason: 'host_lost' };
  if (status === 'starting') return { type: 'crash' };
  return { type: 'keep' };
}
