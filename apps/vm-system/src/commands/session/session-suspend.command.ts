import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'suspend', arguments: '<sessionId>', description: "Free a ready session's process; its state stays in the ledger" })
export class SessionSuspendCommand extends ClientCommand {
  protected async execute([sessionId]: string[]): Promise<void> {
    const session = await this.cli.client.suspendSession(sessionId);
    this.cli.result(session, () => `Suspended session: ${session.id}`);
  }
}
