import { SuspendReason } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { SessionSupervisor } from '@vm-system/runtime';
import { CommandMeta } from '../shared/command-meta';
import { changeSession } from './change-session';
import { SessionActivity } from './idle/session-activity';

/** Records the suspension (SESSION_BUSY / SESSION_NOT_READY decided there), then frees the host. */
export async function suspendSession(
  store: EventStore,
  supervisor: SessionSupervisor,
  activity: SessionActivity,
  sessionId: string,
  reason: Exclude<SuspendReason, 'daemon_restart' | 'owner_lost'>,
  meta: CommandMeta,
): Promise<void> {
  changeSession(store, sessionId, { type: 'SuspendSession', reason }, meta);
  activity.forget(sessionId);
  await supervisor.get(sessionId)?.close();
}
