import { Query } from '@nestjs/cqrs';

export class GetRuntimeSummaryQuery extends Query<{ active_sessions: number; active_session_ids: string[] }> {}
