import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { RestoreReason, sessionDecider, sessionStreamId } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { ReplayedRun, RuntimeSession, SessionSupervisor } from '@vm-system/runtime';
import { CoreOptions } from '../../database/core-options';
import { CORE_OPTIONS } from '../../database/tokens';
import { CommandMeta, metaLogFields } from '../../shared/command-meta';
import { changeSession } from '../change-session';
import { readSessionLibraries } from '../runtime/session-libraries';
import { runtimeSettings, sessionSpec } from '../runtime/session-spec';
import { SessionActivity } from '../idle/session-activity';
import { ClusterMembership } from '../../cluster/cluster-membership';
import { replayItems } from './replay-items';
import { loadSessionHistory } from './session-history';

const DAEMON: CommandMeta = { actor: 'vm-system' };

/** Why a restore stopped, with the execution and events when a replay diverged. */
class RestoreFailure extends Error {
  constructor(
    message: string,
    readonly executionId?: string,
    readonly expected?: unknown,
    readonly actual?: unknown,
  ) {
    super(message);
  }
}

/**
 * Rebuilds a session on a fresh host from its history: the snapshot's libraries, then every
 * replayable execution, verified against the ledger. One restore per session at a time;
 * whoever needs the session meanwhile waits for it.
 */
@Injectable()
export class SessionRestorer {
  private readonly logger = new Logger('Sessions');
  private readonly underWay = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
    private readonly activity: SessionActivity,
    private readonly membership: ClusterMembership,
    @Inject(CORE_OPTIONS) private readonly options: CoreOptions,
  ) {}

  /** A session ready to run: waits for a restore under way, resumes a suspended one, rebuilds a ready one whose host is gone. */
  async ensureLive(sessionId: string, meta: CommandMeta): Promise<void> {
    await this.underWay.get(sessionId);
    // A host this daemon runs for the session means it is neither suspended (a suspension
    // frees the host in the same turn as it is recorded) nor without a host: nothing to do, and
    // no read of the session's stream. On a shared ledger another daemon may have recorded
    // something meanwhile (a takeover), so the stream decides there.
    if (!this.membership.shared && this.supervisor.get(sessionId) !== undefined) return;
    const { state } = this.store.aggregate(sessionStreamId(sessionId), sessionDecider);
    if (state.status === 'suspended') await this.restore(sessionId, 'resume', meta);
    else if (state.status === 'ready' && this.supervisor.get(sessionId) === undefined) await this.restore(sessionId, 'host_lost', meta);
  }

  /** Never rejects: a failed restore is recorded (SessionRestoreFailed: the session is crashed). */
  restore(sessionId: string, reason: RestoreReason, meta: CommandMeta = DAEMON): Promise<void> {
    const running = this.underWay.get(sessionId);
    if (running) return running;
    const restore = this.rebuild(sessionId, reason, meta).finally(() => this.underWay.delete(sessionId));
    this.underWay.set(sessionId, restore);
    return restore;
  }

  private async rebuild(sessionId: string, reason: RestoreReason, meta: CommandMeta): Promise<void> {
    const startedAt = performance.now();
    let runtime: RuntimeSession | undefined;
    try {
      await this.supervisor.get(sessionId)?.close();
      // Owned (with the next epoch) before the host starts: a daemon that hosted it before is fenced out.
      this.membership.claim(sessionId);
      const history = loadSessionHistory(this.store, sessionId);
      const items = replayItems(this.store, history.steps);
      const libraries = readSessionLibraries(this.options.libraryCacheDir, history.template);
      runtime = await this.supervisor.start(sessionSpec(sessionId, history.worktreePath, history.template, libraries, history.libraryCalls));
      const runs = await runtime.replay(items, true, runtimeSettings(history.template).max_replay_ms);
      throwOnDivergence(runs);
      const recorded = changeSession(
        this.store,
        sessionId,
        { type: 'RecordSessionRestore', reason, replayed: items.length, skipped: history.skipped, restoreMs: Math.round(performance.now() - startedAt) },
        meta,
      );
      // Closed while it was being restored: nothing to keep.
      if (recorded.length === 0) return void (await runtime.close());
      runtime.onLost(() => void this.restore(sessionId, 'host_lost'));
      this.activity.touch(sessionId);
    } catch (error) {
      await runtime?.close();
      this.recordFailure(sessionId, reason, error as Error, meta);
    }
  }

  private recordFailure(sessionId: string, reason: RestoreReason, error: Error, meta: CommandMeta): void {
    const failure = error instanceof RestoreFailure ? error : new RestoreFailure(error.message);
    const message = `Restore (${reason}) failed: ${failure.message}`;
    try {
      const { executionId, expected, actual } = failure;
      changeSession(this.store, sessionId, { type: 'RecordRestoreFailure', reason, error: message, executionId, expected, actual }, meta);
    } catch (recordError) {
      this.logger.error({ msg: `could not record the failed restore of session ${sessionId}: ${(recordError as Error).message}`, session_id: sessionId, ...metaLogFields(meta) });
    }
  }
}

function throwOnDivergence(runs: ReplayedRun[]): void {
  const diverged = runs.find((run) => run.verdict === 'diverged');
  if (diverged === undefined) return;
  const difference = diverged.firstDifference;
  const what = difference?.detail ?? `event ${difference?.index ?? 0} differs`;
  throw new RestoreFailure(`execution ${diverged.executionId} replayed differently: ${what}`, diverged.executionId, difference?.expected ?? null, difference?.actual ?? null);
}
