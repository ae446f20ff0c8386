import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, sessionDecider, sessionStreamId } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { SessionRestorer } from '../restore/session-restorer';
import { ResumeSessionCommand } from './resume-session.command';

/** Suspended → restored and ready; ready stays as it is; anything else is not resumable. */
@CommandHandler(ResumeSessionCommand)
export class ResumeSessionHandler implements ICommandHandler<ResumeSessionCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly restorer: SessionRestorer,
  ) {}

  async execute({ sessionId, meta }: ResumeSessionCommand): Promise<void> {
    const { state } = this.store.aggregate(sessionStreamId(sessionId), sessionDecider);
    if (state.status === 'absent') throw new DomainError('SESSION_NOT_FOUND', `Session not found: ${sessionId}`, { session_id: sessionId });
    if (state.status !== 'ready' && state.status !== 'suspended') {
      throw new DomainError('SESSION_NOT_READY', `Session is ${state.status}: only a suspended session resumes`, { session_id: sessionId, status: state.status });
    }
    await this.restorer.ensureLive(sessionId, meta);
  }
}
