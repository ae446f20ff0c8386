import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

export class AddStartupFileCommand extends Command<string> {
  constructor(
    readonly templateId: string,
    readonly path: string,
    readonly orderIndex: number,
    readonly mode: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
