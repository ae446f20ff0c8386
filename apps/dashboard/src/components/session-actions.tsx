import { closeSession, resumeSession, suspendSession } from '../actions';
import type { Session } from '../api';
import { ActionButton } from './action-button';

/**
 * What a session's status allows: a ready one can be suspended (its host freed, its state
 * left in the ledger), a suspended one resumed; either can be closed. The daemon answers the
 * other statuses SESSION_NOT_READY, so those get no buttons.
 */
export function SessionActions({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const { id, status } = session;
  return (
    <>
      {status === 'ready' && <ActionButton action="suspend" label="Suspend" pendingLabel="Suspending…" perform={() => suspendSession(id)} onDone={onChanged} />}
      {status === 'suspended' && (
        <ActionButton action="resume" label="Resume" pendingLabel="Resuming (replaying its history)…" perform={() => resumeSession(id)} onDone={onChanged} />
      )}
      {(status === 'ready' || status === 'suspended') && (
        <ActionButton action="close" label="Close session" pendingLabel="Closing…" danger perform={() => closeSession(id)} onDone={onChanged} />
      )}
    </>
  );
}
