import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { EventStore } from '@vm-system/ledger';
import { ReplayedRun, RuntimeSession, SessionSupervisor } from '@vm-system/runtime';
import { CoreOptions } from '../../database/core-options';
import { CORE_OPTIONS } from '../../database/tokens';
import { replayItems } from '../../sessions/restore/replay-items';
import { loadSessionHistory } from '../../sessions/restore/session-history';
import { readSessionLibraries } from '../../sessions/runtime/session-libraries';
import { runtimeSettings, sessionSpec } from '../../sessions/runtime/session-spec';
import { ReplayReport, ReplayedExecution } from '../replay-report';
import { ReplaySessionQuery } from './replay-session.query';

/**
 * Re-executes a session's history in a throwaway host and compares every replayable
 * execution with what the ledger holds; appends nothing and leaves the session alone.
 */
@QueryHandler(ReplaySessionQuery)
export class ReplaySessionHandler implements IQueryHandler<ReplaySessionQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
    @Inject(CORE_OPTIONS) private readonly options: CoreOptions,
  ) {}

  async execute({ sessionId }: ReplaySessionQuery): Promise<ReplayReport> {
    const history = loadSessionHistory(this.store, sessionId);
    const report: ReplayReport = { session_id: sessionId, verdict: 'same', skipped: history.skipped, executions: [] };
    let runtime: RuntimeSession | undefined;
    try {
      const items = replayItems(this.store, history.steps);
      const libraries = readSessionLibraries(this.options.libraryCacheDir, history.template);
      const spec = sessionSpec(`replay-${randomUUID()}`, history.worktreePath, history.template, libraries, history.libraryCalls);
      runtime = await this.supervisor.start(spec);
      report.executions = (await runtime.replay(items, false, runtimeSettings(history.template).max_replay_ms)).map(toReported);
    } catch (error) {
      report.error = (error as Error).message;
    } finally {
      await runtime?.close();
    }
    if (report.error !== undefined || report.executions.some((run) => run.verdict === 'diverged')) report.verdict = 'diverged';
    return report;
  }
}

function toReported(run: ReplayedRun): ReplayedExecution {
  const reported: ReplayedExecution = { execution_id: run.executionId, verdict: run.verdict };
  const difference = run.firstDifference;
  if (difference !== undefined) {
    reported.first_difference = { index: difference.index, expected: difference.expected, actual: difference.actual };
    if (difference.detail !== undefined) reported.first_difference.detail = difference.detail;
  }
  return reported;
}
