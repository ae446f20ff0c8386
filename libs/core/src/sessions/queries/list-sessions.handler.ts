import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SessionView, SessionsReadModel } from '@vm-system/projections';
import { ListSessionsQuery } from './list-sessions.query';

@QueryHandler(ListSessionsQuery)
export class ListSessionsHandler implements IQueryHandler<ListSessionsQuery> {
  constructor(private readonly sessions: SessionsReadModel) {}

  async execute(query: ListSessionsQuery): Promise<SessionView[]> {
    return this.sessions.list(query.status);
  }
}
