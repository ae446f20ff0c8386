import { DomainError } from '../errors/domain-error';
import { SessionCommand } from './session.commands';
import { RestoreReason, SessionEvent } from './session.events';
import { SessionState, SessionStatus } from './session.state';

type LiveSession = Exclude<SessionState, { status: 'absent' }>;
type Command<T extends SessionCommand['type']> = Extract<SessionCommand, { type: T }>;

/** Pure: what a command does to a session. SESSION_BUSY is decided here, from state. */
export function decideSession(command: SessionCommand, state: SessionState): SessionEvent[] {
  if (command.type === 'StartSession') return startSession(command, state);
  if (state.status === 'absent') throw new DomainError('SESSION_NOT_FOUND', 'Session not found');
  switch (command.type) {
    case 'MarkSessionReady':
      return state.status === 'starting' ? [{ type: 'SessionReady', data: command.recordedCalls ? { recorded_calls: command.recordedCalls } : {} }] : [];
    case 'RecordSessionCrash':
      return isOver(state) ? [] : [...abandonRunning(state, command.error), { type: 'SessionCrashed', data: { error: command.error } }];
    case 'StartExecution':
      return startExecution(command, state);
    case 'FinishExecution':
      return finishExecution(command, state);
    case 'CancelExecution':
      return cancelExecution(command, state);
    case 'SuspendSession':
      return suspend(command, state);
    case 'RecoverAfterRestart':
      return recoverAfterRestart(command.reason, state, 'daemon_restart');
    case 'RecoverFromLostOwner':
      return recoverAfterRestart(`runtime lost: node ${command.nodeId} stopped`, state, 'owner_lost');
    case 'RecordSessionRestore': {
      if (state.status !== RESTORES_FROM[command.reason]) return [];
      const { reason, replayed, skipped, restoreMs } = command;
      return [{ type: 'SessionRestored', data: { reason, replayed, skipped, restore_ms: restoreMs } }];
    }
    case 'RecordRestoreFailure': {
      if (state.status !== RESTORES_FROM[command.reason]) return [];
      const { reason, error, executionId, expected, actual } = command;
      return [{ type: 'SessionRestoreFailed', data: { reason, error, execution_id: executionId, expected, actual } }];
    }
    case 'CloseSession':
      return isOver(state) ? [] : [...abandonRunning(state, command.reason), { type: 'SessionClosed', data: { reason: command.reason } }];
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}

/**
 * The status each restore rebuilds a session from. A restore that finds the session elsewhere
 * when it ends records nothing: a user's suspend or close made while it ran stands.
 */
const RESTORES_FROM: Record<RestoreReason, SessionStatus> = {
  resume: 'suspended',
  fork: 'starting',
  timeout: 'ready',
  memory: 'ready',
  host_lost: 'ready',
  cancel: 'ready',
};

const isOver = (state: LiveSession) => state.status === 'closed' || state.status === 'crashed';

function startSession(command: Command<'StartSession'>, state: SessionState): SessionEvent[] {
  if (state.status !== 'absent') throw new DomainError('CONCURRENCY_CONFLICT', 'Session already exists');
  const { sessionId, workspaceId, baseCommitOid, worktreePath, template, forkedFrom } = command;
  const data = { session_id: sessionId, workspace_id: workspaceId, base_commit_oid: baseCommitOid, worktree_path: worktreePath, template };
  return [{ type: 'SessionStarted', data: forkedFrom ? { ...data, forked_from: forkedFrom } : data }];
}

function startExecution(command: Command<'StartExecution'>, state: LiveSession): SessionEvent[] {
  // Startup files run while the session is still starting; everything else needs ready
  // (a suspended session is resumed by the caller first).
  const allowed = command.kind === 'startup' ? 'starting' : 'ready';
  if (state.status !== allowed) {
    throw new DomainError('SESSION_NOT_READY', `Session is ${state.status}, not ready`, { session_id: state.id, status: state.status });
  }
  if (state.runningExecutionId) {
    throw new DomainError('SESSION_BUSY', 'Session is busy', { session_id: state.id, execution_id: state.runningExecutionId });
  }
  const { executionId, kind, input, path, args, env, sourceSha256 } = command;
  const data = { execution_id: executionId, kind, input, path, args, env };
  return [{ type: 'ExecutionStarted', data: sourceSha256 ? { ...data, source_sha256: sourceSha256 } : data }];
}

function finishExecution(command: Command<'FinishExecution'>, state: LiveSession): SessionEvent[] {
  if (state.runningExecutionId !== command.executionId) return [];
  const { executionId, status, result, error, metrics, replayable, recordedCalls } = command;
  const data = { execution_id: executionId, status, result, error, metrics, replayable };
  return [{ type: 'ExecutionFinished', data: recordedCalls ? { ...data, recorded_calls: recordedCalls } : data }];
}

function cancelExecution(command: Command<'CancelExecution'>, state: LiveSession): SessionEvent[] {
  if (state.runningExecutionId !== command.executionId) {
    throw new DomainError('EXECUTION_NOT_RUNNING', 'Execution is not running: it already ended', { execution_id: command.executionId });
  }
  return [];
}

/** A user or the idle timer may only suspend a ready, quiet session. */
function suspend(command: Command<'SuspendSession'>, state: LiveSession): SessionEvent[] {
  const suspended: SessionEvent = { type: 'SessionSuspended', data: { reason: command.reason } };
  if (state.status !== 'ready') {
    throw new DomainError('SESSION_NOT_READY', `Session is ${state.status}, not ready`, { session_id: state.id, status: state.status });
  }
  if (state.runningExecutionId) {
    throw new DomainError('SESSION_BUSY', 'Session is busy', { session_id: state.id, execution_id: state.runningExecutionId });
  }
  return [suspended];
}

/**
 * A ready session is suspended (its state is in the ledger, the first use resumes it); one
 * still starting had no state to keep and crashes. The execution that was running is lost.
 */
/** Its host is gone with its daemon: a ready session waits, suspended, to be rebuilt by replay where it is next used. */
function recoverAfterRestart(reason: string, state: LiveSession, suspendedFor: 'daemon_restart' | 'owner_lost'): SessionEvent[] {
  if (state.status === 'ready') return [...abandonRunning(state, reason), { type: 'SessionSuspended', data: { reason: suspendedFor } }];
  if (state.status === 'starting') return [...abandonRunning(state, reason), { type: 'SessionCrashed', data: { error: reason } }];
  return [];
}

/** A session that ends mid-execution ends that execution too: nothing stays `running`. */
function abandonRunning(state: LiveSession, reason: string): SessionEvent[] {
  if (!state.runningExecutionId) return [];
  return [
    {
      type: 'ExecutionFinished',
      data: {
        execution_id: state.runningExecutionId,
        status: 'error',
        error: { level: 'error', message: reason },
        metrics: { wall_ms: 0, cpu_ms: 0 },
        replayable: false,
      },
    },
  ];
}
