import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'cancel', arguments: '<executionId>', description: 'Stop a running execution (status cancelled); the session stays ready' })
export class ExecCancelCommand extends ClientCommand {
  protected async execute([executionId]: string[]): Promise<void> {
    const execution = await this.cli.client.cancelExecution(executionId);
    this.cli.result(execution, () => `Cancelled execution: ${execution.id}\nStatus: ${execution.status}`);
  }
}
