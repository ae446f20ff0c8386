import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'runtime-summary', description: 'Sessions alive in the daemon right now' })
export class OpsRuntimeSummaryCommand extends ClientCommand {
  protected async execute(): Promise<void> {
    const answer = await this.cli.client.runtimeSummary();
    this.cli.print(JSON.stringify(answer, null, 2));
  }
}
