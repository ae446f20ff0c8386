import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { changeTemplate } from '../change-template';
import { RemoveModuleCommand } from './remove-module.command';

@CommandHandler(RemoveModuleCommand)
export class RemoveModuleHandler implements ICommandHandler<RemoveModuleCommand> {
  constructor(private readonly store: EventStore) {}

  async execute(command: RemoveModuleCommand): Promise<void> {
    changeTemplate(this.store, command.templateId, { type: 'RemoveModule', name: command.name }, command.meta);
  }
}
