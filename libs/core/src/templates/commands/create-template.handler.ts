import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { changeTemplate } from '../change-template';
import { CreateTemplateCommand } from './create-template.command';

@CommandHandler(CreateTemplateCommand)
export class CreateTemplateHandler implements ICommandHandler<CreateTemplateCommand> {
  constructor(private readonly store: EventStore) {}

  async execute(command: CreateTemplateCommand): Promise<void> {
    changeTemplate(this.store, command.templateId, { type: 'CreateTemplate', templateId: command.templateId, name: command.name, engine: command.engine }, command.meta);
  }
}
