import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { SessionView, SessionsReadModel } from '@vm-system/projections';
import { GetSessionQuery } from './get-session.query';

@QueryHandler(GetSessionQuery)
export class GetSessionHandler implements IQueryHandler<GetSessionQuery> {
  constructor(private readonly sessions: SessionsReadModel) {}

  async execute(query: GetSessionQuery): Promise<SessionView> {
    const session = this.sessions.find(query.sessionId);
    if (!session) throw new DomainError('SESSION_NOT_FOUND', `Session not found: ${query.sessionId}`, { session_id: query.sessionId });
    return session;
  }
}
