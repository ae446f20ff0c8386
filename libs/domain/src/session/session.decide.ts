import { DomainError } from '../errors/domain-error';
import { SessionCommand } from './session.commands';
import { SessionEvent } from './session.events';
import { SessionState } from './session.state';

type LiveSession = Exclude<SessionState, { status: 'absent' }>;

/** Pure: what a command does to a session. SESSION_BUSY is decided here, from state. */
export function decideSession(command: SessionCommand, state: SessionState): SessionEvent[] {
  if (command.type === 'StartSession') {
    if (state.status !== 'absent') throw new DomainError('CONCURRENCY_CONFLICT', 'Session already exists');
    const { sessionId, workspaceId, baseCommitOid, worktreePath, template } = command;
    return [{ type: 'SessionStarted', data: { session_id: sessionId, workspace_id: workspaceId, base_commit_oid: baseCommitOid, worktree_path: worktreePath, template } }];
  }
  if (state.status === 'absent') throw new DomainError('SESSION_NOT_FOUND', 'Session not found');
  switch (command.type) {
    case 'MarkSessionReady':
      return state.status === 'starting' ? [{ type: 'SessionReady', data: {} }] : [];
    case 'RecordSessionCrash':
      return isOver(state) ? [] : [...abandonRunning(state, command.error), { type: 'SessionCrashed', data: { error: command.error } }];
    case 'StartExecution':
      return startExecution(command, state);
    case 'FinishExecution': {
      if (state.runningExecutionId !== command.executionId) return [];
      const { executionId, status, result, error, metrics } = command;
      return [{ type: 'ExecutionFinished', data: { execution_id: executionId, status, result, error, metrics } }];
    }
    case 'CloseSession':
      return isOver(state) ? [] : [...abandonRunning(state, command.reason), { type: 'SessionClosed', data: { reason: command.reason } }];
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}

const isOver = (state: LiveSession) => state.status === 'closed' || state.status === 'crashed';

function startExecution(command: Extract<SessionCommand, { type: 'StartExecution' }>, state: LiveSession): SessionEvent[] {
  // Startup files run while the session is still starting; everything else needs ready.
  const allowed = command.kind === 'startup' ? 'starting' : 'ready';
  if (state.status !== allowed) {
    throw new DomainError('SESSION_NOT_READY', `Session is ${state.status}, not ready`, { session_id: state.id, status: state.status });
  }
  if (state.runningExecutionId) {
    throw new DomainError('SESSION_BUSY', 'Session is busy', { session_id: state.id, execution_id: state.runningExecutionId });
  }
  const { executionId, kind, input, path, args, env } = command;
  return [{ type: 'ExecutionStarted', data: { execution_id: executionId, kind, input, path, args, env } }];
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
      },
    },
  ];
}
