import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { changeTemplate } from '../change-template';
import { ChangeTemplateSettingsCommand } from './change-template-settings.command';

@CommandHandler(ChangeTemplateSettingsCommand)
export class ChangeTemplateSettingsHandler implements ICommandHandler<ChangeTemplateSettingsCommand> {
  constructor(private readonly store: EventStore) {}

  async execute(command: ChangeTemplateSettingsCommand): Promise<void> {
    changeTemplate(this.store, command.templateId, { type: 'ChangeTemplateSettings', patch: command.patch }, command.meta);
  }
}
