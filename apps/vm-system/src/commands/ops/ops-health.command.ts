import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'health', description: 'Ask the daemon whether it is up' })
export class OpsHealthCommand extends ClientCommand {
  protected async execute(): Promise<void> {
    const answer = await this.cli.client.health();
    this.cli.print(JSON.stringify(answer, null, 2));
  }
}
