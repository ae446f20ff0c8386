import { Query } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { ExecutionView, ExecutionsReadModel } from '@vm-system/projections';

export class GetExecutionQuery extends Query<ExecutionView> {
  constructor(readonly executionId: string) {
    super();
  }
}
