import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { SessionsReadModel } from '@vm-system/projections';
import { noteAbandonedExecution } from '../abandon-execution';
import { changeSession } from '../change-session';
import { RecoverSessionsCommand } from './recover-sessions.command';

export const RUNTIME_LOST_AT_RESTART = 'runtime lost at daemon restart';

/** At daemon start no session has a host: each live one is recovered as the session decider says. */
@CommandHandler(RecoverSessionsCommand)
export class RecoverSessionsHandler implements ICommandHandler<RecoverSessionsCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly sessions: SessionsReadModel,
  ) {}

  async execute(): Promise<{ sessions: number }> {
    const meta = { actor: 'vm-system', requestId: undefined };
    const orphaned = this.sessions.orphaned();
    for (const sessionId of orphaned) {
      noteAbandonedExecution(this.store, sessionId, `Execution stopped: ${RUNTIME_LOST_AT_RESTART}`, meta);
      changeSession(this.store, sessionId, { type: 'RecoverAfterRestart', reason: RUNTIME_LOST_AT_RESTART }, meta);
    }
    return { sessions: orphaned.length };
  }
}
