import { Option, SubCommand } from 'nest-commander';
import type { Scope } from '@vm-system/client';
import { ClientCommand, Flags } from '../../cli/client-command';
import { FlagError, parseInteger } from '../../cli/parse-flags';

@SubCommand({ name: 'create', description: 'Issue an API token; its secret is printed this once' })
export class TokenCreateCommand extends ClientCommand {
  protected async execute(_: string[], flags: Flags): Promise<void> {
    const scopes = (flags.scope as string[] | undefined) ?? [];
    if (scopes.length === 0) throw new FlagError('--scope', '--scope is required (read, execute or admin; repeatable)', 'VALIDATION_ERROR');
    const maxLive = flags.maxLiveSessions === undefined ? undefined : parseInteger('--max-live-sessions', flags.maxLiveSessions as string);
    const issued = await this.cli.client.createToken({
      name: flags.name as string,
      scopes: scopes as Scope[],
      expires_at: flags.expiresAt as string | undefined,
      max_live_sessions: maxLive,
    });
    this.cli.result(
      issued,
      () => `Token: ${issued.token}\nID: ${issued.token_id} (${issued.name}, scopes: ${issued.scopes.join(', ')})\nKeep the token now: it is not shown again.`,
    );
  }

  @Option({ flags: '--name <name>', description: 'who or what holds it: recorded as the actor of what it does', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--scope <scope>', description: 'read, execute or admin (repeatable)' })
  parseScope(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({ flags: '--expires-at <time>', description: 'RFC 3339 time after which it is refused' })
  parseExpiresAt(value: string): string {
    return value;
  }

  @Option({ flags: '--max-live-sessions <n>', description: 'sessions it may have starting or ready at once' })
  parseMaxLiveSessions(value: string): string {
    return value;
  }
}
