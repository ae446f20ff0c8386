import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

/** Frees a ready, quiet session's host; its state stays in the ledger. */
export class SuspendSessionCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
