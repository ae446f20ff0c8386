import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';
import { describeSession } from './describe-session';

@SubCommand({ name: 'fork', arguments: '<sessionId>', description: "Start a new session from a session's history (any status), up to --at when given" })
export class SessionForkCommand extends ClientCommand {
  protected async execute([sessionId]: string[], flags: Flags): Promise<void> {
    const session = await this.cli.client.forkSession(sessionId, {
      at_execution_id: flags.at as string | undefined,
      worktree_path: flags.worktreePath as string | undefined,
    });
    this.cli.result(session, () => `Forked session: ${session.id} (from ${sessionId})\n${describeSession(session)}`);
  }

  @Option({ flags: '--at <executionId>', description: "the parent's last execution to keep (default: all of them)" })
  parseAt(value: string): string {
    return value;
  }

  @Option({ flags: '--worktree-path <path>', description: "absolute path of an existing directory (default: the parent's worktree)" })
  parseWorktreePath(value: string): string {
    return value;
  }
}
