import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SessionRestorer } from '../../sessions/restore/session-restorer';
import { SessionExecutor } from '../session-executor';
import { answerExecution } from '../settle-outcome';
import { RunReplCommand } from './run-repl.command';

@CommandHandler(RunReplCommand)
export class RunReplHandler implements ICommandHandler<RunReplCommand> {
  private readonly logger = new Logger('Executions');

  constructor(
    private readonly restorer: SessionRestorer,
    private readonly executor: SessionExecutor,
  ) {}

  async execute({ sessionId, input, meta, wait }: RunReplCommand): Promise<string> {
    const started = await this.executor.startWhenLive(
      sessionId,
      { kind: 'repl', input, args: {}, env: {}, echo: input, run: { kind: 'repl', code: input }, answeredAtStart: !wait },
      meta,
    );
    return answerExecution(this.restorer, sessionId, started, meta, wait, this.logger);
  }
}
