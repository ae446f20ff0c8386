import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { ExecutionView, ExecutionsReadModel, SessionsReadModel } from '@vm-system/projections';
import { ListExecutionsQuery } from './list-executions.query';

@QueryHandler(ListExecutionsQuery)
export class ListExecutionsHandler implements IQueryHandler<ListExecutionsQuery> {
  constructor(
    private readonly sessions: SessionsReadModel,
    private readonly executions: ExecutionsReadModel,
  ) {}

  async execute(query: ListExecutionsQuery): Promise<ExecutionView[]> {
    if (!this.sessions.find(query.sessionId)) {
      throw new DomainError('SESSION_NOT_FOUND', `Session not found: ${query.sessionId}`, { session_id: query.sessionId });
    }
    return this.executions.listForSession(query.sessionId, query.limit);
  }
}
