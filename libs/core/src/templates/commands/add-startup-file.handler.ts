import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { randomUUID } from 'node:crypto';
import { changeTemplate } from '../change-template';
import { AddStartupFileCommand } from './add-startup-file.command';

@CommandHandler(AddStartupFileCommand)
export class AddStartupFileHandler implements ICommandHandler<AddStartupFileCommand> {
  constructor(private readonly store: EventStore) {}

  async execute(command: AddStartupFileCommand): Promise<string> {
    const startupFileId = randomUUID();
    changeTemplate(this.store, command.templateId, { type: 'AddStartupFile', startupFileId, path: command.path, orderIndex: command.orderIndex, mode: command.mode }, command.meta);
    return startupFileId;
  }
}
