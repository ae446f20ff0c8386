import { SessionEvent } from './session.events';
import { SessionState } from './session.state';

export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  if (event.type === 'SessionStarted') {
    return { status: 'starting', id: event.data.session_id, worktreePath: event.data.worktree_path, template: event.data.template };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'SessionReady':
      return { ...state, status: 'ready' };
    case 'SessionCrashed':
      return { ...state, status: 'crashed', runningExecutionId: undefined };
    case 'ExecutionStarted':
      return { ...state, runningExecutionId: event.data.execution_id };
    case 'ExecutionFinished':
      return { ...state, runningExecutionId: undefined };
    case 'SessionClosed':
      return { ...state, status: 'closed', runningExecutionId: undefined };
    case 'SessionSuspended':
      return { ...state, status: 'suspended', runningExecutionId: undefined };
    case 'SessionRestored':
      return { ...state, status: 'ready' };
    case 'SessionRestoreFailed':
      return { ...state, status: 'crashed', runningExecutionId: undefined };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
