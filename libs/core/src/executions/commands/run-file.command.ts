import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

/** Answers the execution id: once it has finished, or at once with `wait` false. */
export class RunFileCommand extends Command<string> {
  constructor(
    readonly sessionId: string,
    readonly path: string,
    readonly args: Record<string, unknown>,
    readonly env: Record<string, unknown>,
    readonly meta: CommandMeta,
    readonly wait = true,
  ) {
    super();
  }
}
