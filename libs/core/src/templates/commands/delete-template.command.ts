import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

export class DeleteTemplateCommand extends Command<void> {
  constructor(
    readonly templateId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
