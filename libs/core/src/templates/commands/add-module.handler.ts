import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { changeTemplate } from '../change-template';
import { AddModuleCommand } from './add-module.command';

@CommandHandler(AddModuleCommand)
export class AddModuleHandler implements ICommandHandler<AddModuleCommand> {
  constructor(private readonly store: EventStore) {}

  async execute(command: AddModuleCommand): Promise<void> {
    changeTemplate(this.store, command.templateId, { type: 'AddModule', name: command.name }, command.meta);
  }
}
