import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { ExecutionEventView, ExecutionsReadModel } from '@vm-system/projections';
import { ListExecutionEventsQuery } from './list-execution-events.query';

@QueryHandler(ListExecutionEventsQuery)
export class ListExecutionEventsHandler implements IQueryHandler<ListExecutionEventsQuery> {
  constructor(private readonly executions: ExecutionsReadModel) {}

  async execute(query: ListExecutionEventsQuery): Promise<ExecutionEventView[]> {
    const events = this.executions.events(query.executionId, query.afterSeq, query.limit);
    // A non-empty page proves the execution exists; only an empty one needs the check.
    if (events.length === 0 && !this.executions.exists(query.executionId)) {
      throw new DomainError('EXECUTION_NOT_FOUND', `Execution not found: ${query.executionId}`, { execution_id: query.executionId });
    }
    return events;
  }
}
