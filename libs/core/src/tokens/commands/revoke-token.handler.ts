import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { tokenDecider, tokenStreamId } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { TokenView, TokensReadModel } from '@vm-system/projections';
import { runDecider } from '../../shared/decider-runner';
import { RevokeTokenCommand } from './revoke-token.command';

@CommandHandler(RevokeTokenCommand)
export class RevokeTokenHandler implements ICommandHandler<RevokeTokenCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly tokens: TokensReadModel,
  ) {}

  async execute(command: RevokeTokenCommand): Promise<TokenView> {
    runDecider(this.store, tokenStreamId(command.tokenId), tokenDecider, { type: 'RevokeToken', tokenId: command.tokenId }, command.meta);
    return this.tokens.find(command.tokenId)!;
  }
}
