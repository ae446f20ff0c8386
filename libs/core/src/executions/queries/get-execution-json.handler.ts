import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { ExecutionsReadModel } from '@vm-system/projections';
import { GetExecutionJsonQuery } from './get-execution-json.query';

/** Enough for every event an execution can record under any sane max_events. */
const ALL_EVENTS = 1_000_000;

@QueryHandler(GetExecutionJsonQuery)
export class GetExecutionJsonHandler implements IQueryHandler<GetExecutionJsonQuery> {
  constructor(private readonly executions: ExecutionsReadModel) {}

  async execute({ executionId, withEvents }: GetExecutionJsonQuery): Promise<string> {
    const execution = this.executions.findJson(executionId);
    if (execution === undefined) throw new DomainError('EXECUTION_NOT_FOUND', `Execution not found: ${executionId}`, { execution_id: executionId });
    if (!withEvents) return execution;
    return `${execution.slice(0, -1)},"events":${this.executions.eventsJson(executionId, 0, ALL_EVENTS).json}}`;
  }
}
