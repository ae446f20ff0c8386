import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';
import { describeSession } from './describe-session';

@SubCommand({ name: 'get', arguments: '<sessionId>', description: 'Show a session' })
export class SessionGetCommand extends ClientCommand {
  protected async execute([sessionId]: string[]): Promise<void> {
    const session = await this.cli.client.getSession(sessionId);
    this.cli.result(session, () => `ID: ${session.id}\n${describeSession(session)}`);
  }
}
