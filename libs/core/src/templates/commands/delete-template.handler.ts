import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { changeTemplate } from '../change-template';
import { DeleteTemplateCommand } from './delete-template.command';

@CommandHandler(DeleteTemplateCommand)
export class DeleteTemplateHandler implements ICommandHandler<DeleteTemplateCommand> {
  constructor(private readonly store: EventStore) {}

  async execute(command: DeleteTemplateCommand): Promise<void> {
    changeTemplate(this.store, command.templateId, { type: 'DeleteTemplate' }, command.meta);
  }
}
