import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { SessionSupervisor } from '@vm-system/runtime';
import { SessionExecutor } from '../session-executor';
import { settleOutcome } from '../settle-outcome';
import { RunReplCommand } from './run-repl.command';

@CommandHandler(RunReplCommand)
export class RunReplHandler implements ICommandHandler<RunReplCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
    private readonly executor: SessionExecutor,
  ) {}

  async execute({ sessionId, input, meta }: RunReplCommand): Promise<string> {
    const result = await this.executor.execute(
      sessionId,
      { kind: 'repl', input, args: {}, env: {}, echo: input, run: { kind: 'repl', code: input } },
      meta,
    );
    return settleOutcome(this.store, this.supervisor, sessionId, result, meta);
  }
}
