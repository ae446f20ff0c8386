import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { SessionSupervisor } from '@vm-system/runtime';
import { SessionActivity } from '../idle/session-activity';
import { suspendSession } from '../suspend-session';
import { SuspendSessionCommand } from './suspend-session.command';

@CommandHandler(SuspendSessionCommand)
export class SuspendSessionHandler implements ICommandHandler<SuspendSessionCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
    private readonly activity: SessionActivity,
  ) {}

  async execute({ sessionId, meta }: SuspendSessionCommand): Promise<void> {
    await suspendSession(this.store, this.supervisor, this.activity, sessionId, 'request', meta);
  }
}
