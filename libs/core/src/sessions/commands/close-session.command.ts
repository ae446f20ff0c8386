import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

export class CloseSessionCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly reason: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
