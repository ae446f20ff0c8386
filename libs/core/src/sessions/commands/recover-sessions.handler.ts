import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { noteAbandonedExecution } from '../abandon-execution';
import { changeSession } from '../change-session';
import { RecoverSessionsCommand } from './recover-sessions.command';

export const RUNTIME_LOST_AT_RESTART = 'runtime lost at daemon restart';

/** Sessions without a host: each is recovered as the session decider says. */
@CommandHandler(RecoverSessionsCommand)
export class RecoverSessionsHandler implements ICommandHandler<RecoverSessionsCommand> {
  constructor(private readonly store: EventStore) {}

  async execute({ sessionIds, lostNodeId }: RecoverSessionsCommand): Promise<{ sessions: number }> {
    const meta = { actor: 'vm-system', requestId: undefined };
    const reason = lostNodeId === undefined ? RUNTIME_LOST_AT_RESTART : `runtime lost: node ${lostNodeId} stopped`;
    for (const sessionId of sessionIds) {
      noteAbandonedExecution(this.store, sessionId, `Execution stopped: ${reason}`, meta);
      const command = lostNodeId === undefined ? { type: 'RecoverAfterRestart' as const, reason } : { type: 'RecoverFromLostOwner' as const, nodeId: lostNodeId };
      changeSession(this.store, sessionId, command, meta);
    }
    return { sessions: sessionIds.length };
  }
}
