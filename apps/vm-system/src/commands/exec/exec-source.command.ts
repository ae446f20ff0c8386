import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'source', arguments: '<executionId>', description: 'Print the exact text an execution ran (a REPL input, a file as it was then)' })
export class ExecSourceCommand extends ClientCommand {
  protected async execute([executionId]: string[]): Promise<void> {
    const source = await this.cli.client.executionSource(executionId);
    // The daemon answers text, so JSON output has to be made here.
    if (this.cli.json) this.cli.print(JSON.stringify({ execution_id: executionId, source }, null, 2));
    else this.cli.write(source);
  }
}
