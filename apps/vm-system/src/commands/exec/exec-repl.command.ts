import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';
import { printLive } from './follow-execution';
import { describeExecution } from './describe-execution';

@SubCommand({ name: 'repl', arguments: '<sessionId> <code>', description: 'Run a snippet in a session; state persists across calls' })
export class ExecReplCommand extends ClientCommand {
  protected async execute([sessionId, code]: string[], flags: Flags): Promise<void> {
    if (flags.stream) {
      const started = await this.cli.client.startRepl(sessionId, code);
      return printLive(this.cli, this.cli.client.followExecution(started.id), 'console');
    }
    const execution = await this.cli.client.repl(sessionId, code);
    this.cli.result(execution, () => describeExecution(execution));
  }

  @Option({ flags: '--stream', description: 'print console lines as they happen instead of waiting for the end' })
  parseStream(): boolean {
    return true;
  }
}
