import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

/** Answers the execution id. */
export class RunReplCommand extends Command<string> {
  constructor(
    readonly sessionId: string,
    readonly input: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
