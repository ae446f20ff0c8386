import { EventStore } from '@vm-system/ledger';
import { noteAbandonedExecution } from './abandon-execution';
import { changeSession } from './change-session';

export const RUNTIME_LOST_AT_RESTART = 'runtime lost at daemon restart';

const DAEMON = { actor: 'vm-system', requestId: undefined };

/**
 * Records what each session whose host is gone becomes, as the session decider says: after
 * this daemon's restart, or (`lostNodeId`) after another daemon's lease ran out. One session's
 * failure (another daemon recorded it first) does not stop the others; the failures are answered.
 */
export function recoverSessions(store: EventStore, sessionIds: readonly string[], lostNodeId?: string): { sessionId: string; error: Error }[] {
  const reason = lostNodeId === undefined ? RUNTIME_LOST_AT_RESTART : `runtime lost: node ${lostNodeId} stopped`;
  const failures: { sessionId: string; error: Error }[] = [];
  for (const sessionId of sessionIds) {
    try {
      noteAbandonedExecution(store, sessionId, `Execution stopped: ${reason}`, DAEMON);
      const command = lostNodeId === undefined ? { type: 'RecoverAfterRestart' as const, reason } : { type: 'RecoverFromLostOwner' as const, nodeId: lostNodeId };
      changeSession(store, sessionId, command, DAEMON);
    } catch (error) {
      failures.push({ sessionId, error: error as Error });
    }
  }
  return failures;
}
