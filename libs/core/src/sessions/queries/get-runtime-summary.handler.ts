import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SessionSupervisor } from '@vm-system/runtime';
import { GetRuntimeSummaryQuery } from './get-runtime-summary.query';

@QueryHandler(GetRuntimeSummaryQuery)
export class GetRuntimeSummaryHandler implements IQueryHandler<GetRuntimeSummaryQuery> {
  constructor(private readonly supervisor: SessionSupervisor) {}

  async execute(): Promise<{ active_sessions: number; active_session_ids: string[] }> {
    const ids = this.supervisor.activeSessionIds();
    return { active_sessions: ids.length, active_session_ids: ids };
  }
}
