import { Query } from '@nestjs/cqrs';
import { ExecutionView } from '@vm-system/projections';

export class GetExecutionQuery extends Query<ExecutionView> {
  constructor(readonly executionId: string) {
    super();
  }
}
