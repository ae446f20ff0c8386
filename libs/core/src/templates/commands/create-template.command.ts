import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

export class CreateTemplateCommand extends Command<void> {
  constructor(
    readonly templateId: string,
    readonly name: string,
    readonly engine: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
