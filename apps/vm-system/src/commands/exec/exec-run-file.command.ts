import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';
import { parseJsonObject } from '../../cli/parse-flags';
import { describeExecution } from './describe-execution';
import { printLive } from './follow-execution';

@SubCommand({ name: 'run-file', arguments: '<sessionId> <path>', description: 'Run a file of the session worktree' })
export class ExecRunFileCommand extends ClientCommand {
  protected async execute([sessionId, path]: string[], flags: Flags): Promise<void> {
    const options = {
      args: flags.args === undefined ? undefined : parseJsonObject('--args', flags.args as string),
      env: flags.env === undefined ? undefined : parseJsonObject('--env', flags.env as string),
    };
    if (flags.stream) {
      const started = await this.cli.client.startRunFile(sessionId, path, options);
      return printLive(this.cli, this.cli.client.followExecution(started.id), 'console');
    }
    const execution = await this.cli.client.runFile(sessionId, path, options);
    this.cli.result(execution, () => describeExecution(execution));
  }

  @Option({ flags: '--args <json>', description: 'a JSON object, visible to the script as __ARGS__' })
  parseArgs(value: string): string {
    return value;
  }

  @Option({ flags: '--stream', description: 'print console lines as they happen instead of waiting for the end' })
  parseStream(): boolean {
    return true;
  }

  @Option({ flags: '--env <json>', description: 'a JSON object, visible to the script as __ENV__' })
  parseEnv(value: string): string {
    return value;
  }
}
