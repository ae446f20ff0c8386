import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { SessionSupervisor } from '@vm-system/runtime';
import { SessionExecutor } from '../session-executor';
import { answerExecution } from '../settle-outcome';
import { RunReplCommand } from './run-repl.command';

@CommandHandler(RunReplCommand)
export class RunReplHandler implements ICommandHandler<RunReplCommand> {
  private readonly logger = new Logger('Executions');

  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
    private readonly executor: SessionExecutor,
  ) {}

  async execute({ sessionId, input, meta, wait }: RunReplCommand): Promise<string> {
    const started = this.executor.start(
      sessionId,
      { kind: 'repl', input, args: {}, env: {}, echo: input, run: { kind: 'repl', code: input } },
      meta,
    );
    return answerExecution(this.store, this.supervisor, sessionId, started, meta, wait, this.logger);
  }
}
