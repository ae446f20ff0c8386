import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'revoke', arguments: '<tokenId>', description: 'Revoke a token: it is refused from now on' })
export class TokenRevokeCommand extends ClientCommand {
  protected async execute([tokenId]: string[]): Promise<void> {
    const token = await this.cli.client.revokeToken(tokenId);
    this.cli.result(token, () => `Revoked token: ${token.token_id} (${token.name})`);
  }
}
