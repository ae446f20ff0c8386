import { ExecutionEvent, executionStreamId, sessionDecider, sessionStreamId, systemEvent } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { CommandMeta, eventMetadata } from '../shared/command-meta';

/**
 * Before a session ends with an execution still running, that execution's stream gets
 * a `system` event saying why it stopped (the session command then finishes it).
 */
export function noteAbandonedExecution(store: EventStore, sessionId: string, reason: string, meta: CommandMeta): void {
  const { state } = store.aggregate(sessionStreamId(sessionId), sessionDecider);
  if (state.status === 'absent' || !state.runningExecutionId) return;
  const event: ExecutionEvent = systemEvent('error', reason);
  store.append(executionStreamId(state.runningExecutionId), 'any', [event], eventMetadata(meta, 'AbandonExecution'));
}
