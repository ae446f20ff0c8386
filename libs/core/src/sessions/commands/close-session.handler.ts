import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { SessionSupervisor } from '@vm-system/runtime';
import { noteAbandonedExecution } from '../abandon-execution';
import { changeSession } from '../change-session';
import { CloseSessionCommand } from './close-session.command';
import { ClusterMembership } from '../../cluster/cluster-membership';

/** Closing an ended session changes nothing; closing a live one discards its runtime. */
@CommandHandler(CloseSessionCommand)
export class CloseSessionHandler implements ICommandHandler<CloseSessionCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
    private readonly membership: ClusterMembership,
  ) {}

  async execute({ sessionId, reason, meta }: CloseSessionCommand): Promise<void> {
    // Stopping the runtime first lets a running execution finish with its own account of
    // why it stopped; the ledger note below is for one no runtime here is running.
    await this.supervisor.get(sessionId)?.close();
    noteAbandonedExecution(this.store, sessionId, `Session closed while the execution was running (${reason})`, meta);
    changeSession(this.store, sessionId, { type: 'CloseSession', reason }, meta);
    this.membership.release(sessionId);
  }
}
