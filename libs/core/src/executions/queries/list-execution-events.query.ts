import { Query } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { ExecutionEventView, ExecutionsReadModel } from '@vm-system/projections';

export class ListExecutionEventsQuery extends Query<ExecutionEventView[]> {
  constructor(
    readonly executionId: string,
    readonly afterSeq: number,
    readonly limit: number,
  ) {
    super();
  }
}
