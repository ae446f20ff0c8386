import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { sessionDecider, sessionStreamId } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { decideForSession } from '../../sessions/change-session';
import { SessionRestorer } from '../../sessions/restore/session-restorer';
import { readWorktreeFile } from '../../sessions/worktree-files';
import { SessionExecutor } from '../session-executor';
import { answerExecution } from '../settle-outcome';
import { RunFileCommand } from './run-file.command';

@CommandHandler(RunFileCommand)
export class RunFileHandler implements ICommandHandler<RunFileCommand> {
  private readonly logger = new Logger('Executions');

  constructor(
    private readonly store: EventStore,
    private readonly restorer: SessionRestorer,
    private readonly executor: SessionExecutor,
  ) {}

  async execute({ sessionId, path, args, env, meta, wait }: RunFileCommand): Promise<string> {
    await this.restorer.ensureLive(sessionId, meta);
    // The contract's order: the session's existence and state (404, 409) before the path (422, 404).
    decideForSession(this.store, sessionId, { type: 'StartExecution', executionId: 'check', kind: 'run_file', args, env });
    const { state } = this.store.aggregate(sessionStreamId(sessionId), sessionDecider);
    const worktree = state.status === 'absent' ? '' : state.worktreePath;
    const code = readWorktreeFile(worktree, path);
    const started = await this.executor.startWhenLive(
      sessionId,
      { kind: 'run_file', path, args, env, echo: path, run: { kind: 'file', code, filename: path, args, env }, answeredAtStart: !wait },
      meta,
    );
    return answerExecution(this.restorer, sessionId, started, meta, wait, this.logger);
  }
}
