import { Command } from '@nestjs/cqrs';
import { CommandMeta } from '../../shared/command-meta';

export class CreateSessionCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly templateId: string,
    readonly workspaceId: string,
    readonly baseCommitOid: string,
    readonly worktreePath: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
