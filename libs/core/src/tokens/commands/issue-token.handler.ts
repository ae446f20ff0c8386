import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { tokenDecider, tokenStreamId } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { TokensReadModel } from '@vm-system/projections';
import { randomUUID } from 'node:crypto';
import { runDecider } from '../../shared/decider-runner';
import { IssuedToken } from '../issued-token';
import { mintTokenSecret, tokenSha256 } from '../token-secret';
import { IssueTokenCommand } from './issue-token.command';

@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly tokens: TokensReadModel,
  ) {}

  async execute(command: IssueTokenCommand): Promise<IssuedToken> {
    const tokenId = randomUUID();
    const secret = command.secret ?? mintTokenSecret();
    runDecider(
      this.store,
      tokenStreamId(tokenId),
      tokenDecider,
      {
        type: 'IssueToken',
        tokenId,
        name: command.name,
        scopes: command.scopes,
        sha256: tokenSha256(secret),
        expiresAt: command.expiresAt,
        maxLiveSessions: command.maxLiveSessions,
        now: new Date().toISOString(),
      },
      command.meta,
    );
    return { ...this.tokens.find(tokenId)!, token: secret };
  }
}
