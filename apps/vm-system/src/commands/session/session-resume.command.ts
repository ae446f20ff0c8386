import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';
import { describeSession } from './describe-session';

@SubCommand({ name: 'resume', arguments: '<sessionId>', description: 'Restore a suspended session from its history (a ready one is left as it is)' })
export class SessionResumeCommand extends ClientCommand {
  protected async execute([sessionId]: string[]): Promise<void> {
    const session = await this.cli.client.resumeSession(sessionId);
    this.cli.result(session, () => `Resumed session: ${session.id}\n${describeSession(session)}`);
  }
}
