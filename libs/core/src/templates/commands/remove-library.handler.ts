import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { changeTemplate } from '../change-template';
import { RemoveLibraryCommand } from './remove-library.command';

@CommandHandler(RemoveLibraryCommand)
export class RemoveLibraryHandler implements ICommandHandler<RemoveLibraryCommand> {
  constructor(private readonly store: EventStore) {}

  async execute(command: RemoveLibraryCommand): Promise<void> {
    changeTemplate(this.store, command.templateId, { type: 'RemoveLibrary', name: command.name }, command.meta);
  }
}
