import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';
import { describeSession } from './describe-session';

@SubCommand({ name: 'create', description: 'Start a session from a template (runs its startup files)' })
export class SessionCreateCommand extends ClientCommand {
  protected async execute(_: string[], flags: Flags): Promise<void> {
    const session = await this.cli.client.createSession({
      template_id: flags.templateId as string,
      workspace_id: flags.workspaceId as string,
      base_commit_oid: flags.baseCommit as string,
      worktree_path: flags.worktreePath as string,
    });
    this.cli.result(session, () => `Created session: ${session.id}\n${describeSession(session)}`);
  }

  @Option({ flags: '--template-id <id>', description: 'template to stamp the session from', required: true })
  parseTemplateId(value: string): string {
    return value;
  }

  @Option({ flags: '--workspace-id <id>', description: 'workspace the session belongs to', required: true })
  parseWorkspaceId(value: string): string {
    return value;
  }

  @Option({ flags: '--base-commit <oid>', description: 'commit the worktree is at', required: true })
  parseBaseCommit(value: string): string {
    return value;
  }

  @Option({ flags: '--worktree-path <path>', description: 'absolute path of an existing directory', required: true })
  parseWorktreePath(value: string): string {
    return value;
  }
}
