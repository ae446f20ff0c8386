import { cancelExecution, forkSession } from '../actions';
import type { Execution } from '../api';
import { navigate } from '../router';
import { ActionButton } from './action-button';

/** Stops a running execution; the session keeps its state from before it (restored if the host had to go). */
export function CancelButton({ execution, onCancelled }: { execution: Execution; onCancelled: (execution: Execution) => void }) {
  return <ActionButton action="cancel" label="Cancel" pendingLabel="Cancelling…" danger perform={() => cancelExecution(execution.id)} onDone={onCancelled} />;
}

/**
 * A new session holding the state this session had right after the execution (its
 * replayable history up to there), then its page.
 */
export function ForkButton({ execution }: { execution: Execution }) {
  return (
    <ActionButton
      action="fork"
      label="Fork from here"
      pendingLabel="Forking…"
      perform={() => forkSession(execution.session_id, execution.id)}
      onDone={(fork) => navigate(`/sessions/${fork.id}`)}
    />
  );
}
