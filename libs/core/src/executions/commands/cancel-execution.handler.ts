import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { ExecutionsReadModel } from '@vm-system/projections';
import { SessionSupervisor } from '@vm-system/runtime';
import { decideForSession } from '../../sessions/change-session';
import { SessionExecutor } from '../session-executor';
import { CancelExecutionCommand } from './cancel-execution.command';

/**
 * Stops the host that runs the execution (the only stop that reaches a spinning loop or a
 * promise that never settles) and answers once the execution is recorded `cancelled`; the
 * session is restored from its history meanwhile.
 */
@CommandHandler(CancelExecutionCommand)
export class CancelExecutionHandler implements ICommandHandler<CancelExecutionCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly executions: ExecutionsReadModel,
    private readonly supervisor: SessionSupervisor,
    private readonly executor: SessionExecutor,
  ) {}

  async execute({ executionId }: CancelExecutionCommand): Promise<void> {
    const execution = this.executions.find(executionId);
    if (!execution) throw new DomainError('EXECUTION_NOT_FOUND', `Execution not found: ${executionId}`, { execution_id: executionId });
    decideForSession(this.store, execution.session_id, { type: 'CancelExecution', executionId });
    const done = this.executor.whenDone(executionId);
    if (done === undefined || !this.supervisor.get(execution.session_id)?.cancel()) {
      throw new DomainError('EXECUTION_NOT_RUNNING', 'Execution is not running: it already ended', { execution_id: executionId });
    }
    await done;
  }
}
