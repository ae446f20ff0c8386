import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, StartupFile, TemplateSnapshot, decideIdleHostLoss, decideUnrecordedStart, sessionDecider, sessionStreamId } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { SessionsReadModel } from '@vm-system/projections';
import { RuntimeSession, SessionLibrary, SessionSupervisor } from '@vm-system/runtime';
import { CoreOptions } from '../../database/core-options';
import { CORE_OPTIONS } from '../../database/tokens';
import { SessionExecutor } from '../../executions/session-executor';
import { CommandMeta, metaLogFields } from '../../shared/command-meta';
import { LedgerRetries, isLedgerUnavailable } from '../../shared/ledger-retries';
import { changeSession } from '../change-session';
import { SessionActivity } from '../idle/session-activity';
import { SessionRestorer } from '../restore/session-restorer';
import { readSessionLibraries } from '../runtime/session-libraries';
import { sessionSpec } from '../runtime/session-spec';
import { requireQuota } from '../session-quota';
import { snapshotTemplate } from '../template-snapshot';
import { readWorktreeFile, requireWorktree } from '../worktree-files';
import { CreateSessionCommand } from './create-session.command';
import { ClusterMembership } from '../../cluster/cluster-membership';

const START_UNRECORDED = 'The session could not be started: the ledger refused to record its start (ledger unavailable)';

/**
 * SessionStarted with the template's snapshot → a warm host takes the session → each
 * startup file runs as a `startup` execution → SessionReady; any failure → SessionCrashed.
 * A write the ledger refuses after SessionStarted (a full disk) is answered 503, and the
 * session's crash is retried until it lands, so it does not stay `starting`.
 */
@CommandHandler(CreateSessionCommand)
export class CreateSessionHandler implements ICommandHandler<CreateSessionCommand>, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private readonly crashRetries = new LedgerRetries();

  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
    private readonly executor: SessionExecutor,
    @Inject(CORE_OPTIONS) private readonly options: CoreOptions,
    private readonly sessions: SessionsReadModel,
    private readonly restorer: SessionRestorer,
    private readonly activity: SessionActivity,
    private readonly membership: ClusterMembership,
  ) {}

  async execute(command: CreateSessionCommand): Promise<void> {
    const { sessionId, workspaceId, baseCommitOid, worktreePath, meta } = command;
    const template = snapshotTemplate(this.store, command.templateId);
    requireWorktree(worktreePath, this.options.worktreeRoots);
    requireQuota(this.sessions, meta);
    // Owned before it exists: a daemon starting meanwhile must not take it for an ownerless one.
    this.membership.claim(sessionId);
    changeSession(this.store, sessionId, { type: 'StartSession', sessionId, workspaceId, baseCommitOid, worktreePath, template }, meta);

    const libraries = this.readLibraries(sessionId, template, meta);
    let setUpDone!: () => void;
    const setUp = new Promise<void>((resolve) => (setUpDone = resolve));
    try {
      const runtime = await this.startRuntime(sessionId, worktreePath, template, libraries, meta, setUp);
      for (const file of template.startup_files) await this.runStartupFile(sessionId, worktreePath, file, meta);
      changeSession(this.store, sessionId, { type: 'MarkSessionReady', recordedCalls: runtime.libraryCalls }, meta);
      this.activity.touch(sessionId);
    } catch (error) {
      if (isLedgerUnavailable(error)) this.crashOnceRecordable(sessionId, START_UNRECORDED, meta);
      throw error;
    } finally {
      // Only now the warm pool forks the host's replacement: a fork blocks the event loop and
      // the new host's load takes ~150 ms of CPU, which delayed the startup files by ~10 ms.
      setUpDone();
    }
  }

  private async startRuntime(
    sessionId: string,
    worktreePath: string,
    template: TemplateSnapshot,
    libraries: SessionLibrary[],
    meta: CommandMeta,
    setUp: Promise<void>,
  ): Promise<RuntimeSession> {
    try {
      const runtime = await this.supervisor.start(sessionSpec(sessionId, worktreePath, template, libraries), setUp);
      // A host that dies while the session is idle: rebuilt from the history (a session still
      // starting has none, and crashes).
      runtime.onLost((reason) => {
        const { state } = this.store.aggregate(sessionStreamId(sessionId), sessionDecider);
        if (state.status === 'absent') return;
        const after = decideIdleHostLoss(state.status);
        if (after.type === 'crash') this.crash(sessionId, reason, meta);
        else if (after.type === 'restore') void this.restorer.restore(sessionId, after.reason);
      });
      return runtime;
    } catch (error) {
      // A host that cannot start (a library that throws while loading, a fork that fails)
      // is this session's failure, answered like a failing startup, not a 500.
      const message = `The session runtime could not start: ${(error as Error).message}`;
      this.crash(sessionId, message, meta);
      throw new DomainError('STARTUP_FAILED', message, { session_id: sessionId });
    }
  }

  /** Each library from the cache, hash-checked; a missing or changed file crashes the session. */
  private readLibraries(sessionId: string, template: TemplateSnapshot, meta: CommandMeta): SessionLibrary[] {
    try {
      return readSessionLibraries(this.options.libraryCacheDir, template);
    } catch (error) {
      this.crash(sessionId, (error as Error).message, meta);
      // Like STARTUP_FAILED: the caller learns which (now crashed) session it was.
      if (error instanceof DomainError) throw new DomainError(error.code, error.message, { ...error.details, session_id: sessionId });
      throw error;
    }
  }

  private async runStartupFile(sessionId: string, worktree: string, file: StartupFile, meta: CommandMeta): Promise<void> {
    let code: string;
    try {
      code = readWorktreeFile(worktree, file.path);
    } catch (error) {
      // A path that leaves the worktree is the caller's mistake, answered as such (422), not a startup failure.
      if (error instanceof DomainError && error.code === 'INVALID_PATH') {
        this.crash(sessionId, `Startup file ${file.path}: ${error.message}`, meta);
        throw new DomainError('INVALID_PATH', error.message, { ...error.details, session_id: sessionId });
      }
      this.failStartup(sessionId, file.path, (error as Error).message, meta);
    }
    const { outcome, error } = await this.executor.execute(
      sessionId,
      { kind: 'startup', path: file.path, args: {}, env: {}, echo: file.path, run: { kind: 'file', code, filename: file.path } },
      meta,
    );
    if (outcome.status !== 'ok') {
      const detail = outcome.crashed ?? (error?.message as string | undefined) ?? `ended with status ${outcome.status}`;
      this.failStartup(sessionId, file.path, detail, meta);
    }
  }

  private failStartup(sessionId: string, path: string, detail: string, meta: CommandMeta): never {
    const message = `Startup file ${path} failed: ${detail}`;
    this.crash(sessionId, message, meta);
    throw new DomainError('STARTUP_FAILED', message, { session_id: sessionId, path });
  }

  onApplicationShutdown(): void {
    this.crashRetries.stop();
  }

  private crash(sessionId: string, reason: string, meta: CommandMeta): void {
    try {
      changeSession(this.store, sessionId, { type: 'RecordSessionCrash', error: reason }, meta);
    } catch (error) {
      if (isLedgerUnavailable(error)) this.crashOnceRecordable(sessionId, reason, meta);
      else this.logger.error({ msg: `could not record the crash of session ${sessionId}: ${(error as Error).message}`, session_id: sessionId, ...metaLogFields(meta) });
    }
    void this.supervisor.get(sessionId)?.close();
  }

  /** The session's crash, retried until the ledger takes it, when decideUnrecordedStart says so. */
  private crashOnceRecordable(sessionId: string, reason: string, meta: CommandMeta): void {
    void this.supervisor.get(sessionId)?.close();
    this.crashRetries.retry(() => {
      try {
        const step = decideUnrecordedStart(this.store.aggregate(sessionStreamId(sessionId), sessionDecider).state);
        if (step !== 'crash') return step === 'wait' ? 'again' : 'done';
        changeSession(this.store, sessionId, { type: 'RecordSessionCrash', error: reason }, meta);
        this.logger.log({ msg: `session ${sessionId}: its crash, refused before, is recorded`, session_id: sessionId, ...metaLogFields(meta) });
        return 'done';
      } catch (error) {
        if (isLedgerUnavailable(error)) return 'again';
        this.logger.warn({ msg: `session ${sessionId}: its crash could not be recorded: ${(error as Error).message}`, session_id: sessionId, ...metaLogFields(meta) });
        return 'done';
      }
    });
  }
}
