import { Command } from '@nestjs/cqrs';
import { TokenView } from '@vm-system/projections';
import { CommandMeta } from '../../shared/command-meta';

export class RevokeTokenCommand extends Command<TokenView> {
  constructor(
    readonly tokenId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
