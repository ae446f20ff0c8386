import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';

@SubCommand({ name: 'list', description: 'List sessions, newest first' })
export class SessionListCommand extends ClientCommand {
  protected async execute(_: string[], flags: Flags): Promise<void> {
    const sessions = await this.cli.client.listSessions(flags.status as string | undefined);
    this.cli.list(sessions, 'No sessions found', ['ID', 'STATUS', 'TEMPLATE', 'WORKSPACE', 'CREATED'], (s) => [s.id, s.status, s.template_id, s.workspace_id, s.created_at]);
  }

  @Option({ flags: '--status <status>', description: 'starting, ready, suspended, crashed or closed' })
  parseStatus(value: string): string {
    return value;
  }
}
