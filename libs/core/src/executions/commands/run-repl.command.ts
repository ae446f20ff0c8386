import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

/** Answers the execution id: once it has finished, or at once with `wait` false. */
export class RunReplCommand extends Command<string> {
  constructor(
    readonly sessionId: string,
    readonly input: string,
    readonly meta: CommandMeta,
    readonly wait = true,
  ) {
    super();
  }
}
