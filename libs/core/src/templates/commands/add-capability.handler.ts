import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@vm-system/ledger';
import { randomUUID } from 'node:crypto';
import { changeTemplate } from '../change-template';
import { AddCapabilityCommand } from './add-capability.command';

@CommandHandler(AddCapabilityCommand)
export class AddCapabilityHandler implements ICommandHandler<AddCapabilityCommand> {
  constructor(private readonly store: EventStore) {}

  async execute(command: AddCapabilityCommand): Promise<string> {
    const capabilityId = randomUUID();
    changeTemplate(
      this.store,
      command.templateId,
      { type: 'AddCapability', capabilityId, kind: command.kind, name: command.name, enabled: command.enabled, config: command.config },
      command.meta,
    );
    return capabilityId;
  }
}
