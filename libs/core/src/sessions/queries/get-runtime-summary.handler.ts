import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SessionSupervisor } from '@vm-system/runtime';
import { GetRuntimeSummaryQuery, RuntimeSummaryView } from './get-runtime-summary.query';

@QueryHandler(GetRuntimeSummaryQuery)
export class GetRuntimeSummaryHandler implements IQueryHandler<GetRuntimeSummaryQuery> {
  constructor(private readonly supervisor: SessionSupervisor) {}

  async execute(): Promise<RuntimeSummaryView> {
    const ids = this.supervisor.activeSessionIds();
    return { active_sessions: ids.length, active_session_ids: ids, warm_hosts: this.supervisor.warmHosts() };
  }
}
