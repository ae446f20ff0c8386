import { Command } from '@nestjs/cqrs';
import { CapabilityKind } from '@vm-system/domain';
import { CommandMeta } from '../../shared/command-meta';

export class AddCapabilityCommand extends Command<string> {
  constructor(
    readonly templateId: string,
    readonly kind: CapabilityKind,
    readonly name: string,
    readonly enabled: boolean,
    readonly config: Record<string, unknown>,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
