import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'list', description: 'List tokens, newest first (never their secrets)' })
export class TokenListCommand extends ClientCommand {
  protected async execute(): Promise<void> {
    const tokens = await this.cli.client.listTokens();
    this.cli.list(tokens, 'No tokens', ['ID', 'NAME', 'SCOPES', 'CREATED', 'EXPIRES', 'REVOKED'], (t) => [
      t.token_id,
      t.name,
      t.scopes.join(','),
      t.created_at,
      t.expires_at ?? '',
      t.revoked_at ?? '',
    ]);
  }
}
