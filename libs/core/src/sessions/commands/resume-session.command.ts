import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

/** Restores a suspended session on a fresh host; a ready one is left as it is. */
export class ResumeSessionCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
