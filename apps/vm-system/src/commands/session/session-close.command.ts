import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'close', arguments: '<sessionId>', description: 'Close a session (its history stays)' })
export class SessionCloseCommand extends ClientCommand {
  protected async execute([sessionId]: string[]): Promise<void> {
    const session = await this.cli.client.closeSession(sessionId);
    this.cli.result(session, () => `Closed session: ${session.id}`);
  }
}
