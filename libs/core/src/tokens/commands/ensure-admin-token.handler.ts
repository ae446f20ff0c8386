import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TokensReadModel } from '@vm-system/projections';
import { CommandMeta } from '../../shared/command-meta';
import { isTokenSecret, tokenSha256 } from '../token-secret';
import { EnsureAdminTokenCommand } from './ensure-admin-token.command';
import { IssueTokenCommand } from './issue-token.command';

const BOOTSTRAP: CommandMeta = { actor: 'vm-system serve' };

/**
 * A chosen secret is issued once, the first time the ledger has never seen it (a revoked
 * one stays revoked across restarts). Without one, a ledger that has no token at all gets
 * a minted admin token, answered so the daemon can print it this once.
 */
@CommandHandler(EnsureAdminTokenCommand)
export class EnsureAdminTokenHandler implements ICommandHandler<EnsureAdminTokenCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly tokens: TokensReadModel,
  ) {}

  async execute({ chosenSecret }: EnsureAdminTokenCommand): Promise<{ minted?: string }> {
    if (chosenSecret !== undefined) {
      if (!isTokenSecret(chosenSecret)) throw new Error('VM_SYSTEM_ADMIN_TOKEN must be vms_ followed by 43 base64url characters (32 random bytes)');
      if (!this.tokens.bySha256(tokenSha256(chosenSecret))) await this.commands.execute(new IssueTokenCommand('admin', ['admin'], BOOTSTRAP, undefined, undefined, chosenSecret));
      return {};
    }
    if (this.tokens.count() > 0) return {};
    const issued = await this.commands.execute(new IssueTokenCommand('admin', ['admin'], BOOTSTRAP));
    return { minted: issued.token };
  }
}
