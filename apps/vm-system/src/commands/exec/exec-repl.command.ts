import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';
import { describeExecution } from './describe-execution';

@SubCommand({ name: 'repl', arguments: '<sessionId> <code>', description: 'Run a snippet in a session; state persists across calls' })
export class ExecReplCommand extends ClientCommand {
  protected async execute([sessionId, code]: string[]): Promise<void> {
    const execution = await this.cli.client.repl(sessionId, code);
    this.cli.result(execution, () => describeExecution(execution));
  }
}
