import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

/** A new session whose history is the parent's up to and including `atExecutionId` (default: all of it). */
export class ForkSessionCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly parentSessionId: string,
    readonly atExecutionId: string | undefined,
    readonly worktreePath: string | undefined,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
