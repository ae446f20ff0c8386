import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, ownHistory } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { SessionsReadModel } from '@vm-system/projections';
import { CoreOptions } from '../../database/core-options';
import { CORE_OPTIONS } from '../../database/tokens';
import { changeSession } from '../change-session';
import { requireQuota } from '../session-quota';
import { readSessionEvents } from '../restore/session-history';
import { SessionRestorer } from '../restore/session-restorer';
import { requireWorktree } from '../worktree-files';
import { ForkSessionCommand } from './fork-session.command';

/**
 * A new session from a point of another's history, whatever that session's status: the
 * parent's snapshot and worktree (unless given), SessionStarted naming the fork point, then a
 * restore that replays the parent's history up to it. The fork point is always recorded
 * (the parent's last execution when none is given), so the parent's later work stays out.
 */
@CommandHandler(ForkSessionCommand)
export class ForkSessionHandler implements ICommandHandler<ForkSessionCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly sessions: SessionsReadModel,
    private readonly restorer: SessionRestorer,
    @Inject(CORE_OPTIONS) private readonly options: CoreOptions,
  ) {}

  async execute({ sessionId, parentSessionId, atExecutionId, worktreePath, meta }: ForkSessionCommand): Promise<void> {
    const events = readSessionEvents(this.store, parentSessionId);
    const started = events[0];
    if (started?.type !== 'SessionStarted') {
      throw new DomainError('SESSION_NOT_FOUND', `Session not found: ${parentSessionId}`, { session_id: parentSessionId });
    }
    const { executionIds } = ownHistory(events);
    if (atExecutionId !== undefined && !executionIds.includes(atExecutionId)) {
      throw new DomainError('EXECUTION_NOT_FOUND', `Execution ${atExecutionId} is not one of session ${parentSessionId}'s`, {
        execution_id: atExecutionId,
        session_id: parentSessionId,
      });
    }
    const worktree = worktreePath ?? started.data.worktree_path;
    requireWorktree(worktree, this.options.worktreeRoots);
    requireQuota(this.sessions, meta);
    const forkPoint = atExecutionId ?? executionIds[executionIds.length - 1];
    const { workspace_id, base_commit_oid, template } = started.data;
    changeSession(
      this.store,
      sessionId,
      {
        type: 'StartSession',
        sessionId,
        workspaceId: workspace_id,
        baseCommitOid: base_commit_oid,
        worktreePath: worktree,
        template,
        forkedFrom: forkPoint === undefined ? { session_id: parentSessionId } : { session_id: parentSessionId, execution_id: forkPoint },
      },
      meta,
    );
    await this.restorer.restore(sessionId, 'fork', meta);
  }
}
