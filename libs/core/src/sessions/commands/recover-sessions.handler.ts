import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { sessionDecider, sessionStreamId } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { SessionsReadModel } from '@vm-system/projections';
import { noteAbandonedExecution } from '../abandon-execution';
import { changeSession } from '../change-session';
import { RecoverSessionsCommand } from './recover-sessions.command';

export const RUNTIME_LOST_AT_RESTART = 'runtime lost at daemon restart';

/**
 * At daemon start no session has a host. A ready one is suspended (its state is in the
 * ledger; the first use resumes it), the execution it was running lost; one still starting
 * had no state to keep and crashes.
 */
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
      const { state } = this.store.aggregate(sessionStreamId(sessionId), sessionDecider);
      if (state.status === 'ready') changeSession(this.store, sessionId, { type: 'SuspendSession', reason: 'daemon_restart' }, meta);
      else changeSession(this.store, sessionId, { type: 'RecordSessionCrash', error: RUNTIME_LOST_AT_RESTART }, meta);
    }
    return { sessions: orphaned.length };
  }
}
