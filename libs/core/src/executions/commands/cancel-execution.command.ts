import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

/** Stops a running execution (status `cancelled`); EXECUTION_NOT_RUNNING once it has ended. */
export class CancelExecutionCommand extends Command<void> {
  constructor(
    readonly executionId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
