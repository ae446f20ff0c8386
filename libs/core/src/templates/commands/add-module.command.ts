import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

export class AddModuleCommand extends Command<void> {
  constructor(
    readonly templateId: string,
    readonly name: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
