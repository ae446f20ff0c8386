import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { ExecutionView, ExecutionsReadModel } from '@vm-system/projections';
import { GetExecutionQuery } from './get-execution.query';

@QueryHandler(GetExecutionQuery)
export class GetExecutionHandler implements IQueryHandler<GetExecutionQuery> {
  constructor(private readonly executions: ExecutionsReadModel) {}

  async execute(query: GetExecutionQuery): Promise<ExecutionView> {
    const execution = this.executions.find(query.executionId);
    if (!execution) throw new DomainError('EXECUTION_NOT_FOUND', `Execution not found: ${query.executionId}`, { execution_id: query.executionId });
    return execution;
  }
}
