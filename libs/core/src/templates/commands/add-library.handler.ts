import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { changeTemplate } from '../change-template';
import { AddLibraryCommand } from './add-library.command';

@CommandHandler(AddLibraryCommand)
export class AddLibraryHandler implements ICommandHandler<AddLibraryCommand> {
  constructor(private readonly store: EventStore) {}

  async execute(command: AddLibraryCommand): Promise<void> {
    changeTemplate(this.store, command.templateId, { type: 'AddLibrary', name: command.name }, command.meta);
  }
}
