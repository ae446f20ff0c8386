import { Query } from '@nestjs/cqrs';

export interface RuntimeSummaryView {
  active_sessions: number;
  active_session_ids: string[];
  /** Pre-forked session hosts loaded and waiting: the next creates skip the fork. */
  warm_hosts: number;
}

export class GetRuntimeSummaryQuery extends Query<RuntimeSummaryView> {}
