import { Query } from '@nestjs/cqrs';
import { ExecutionEventView } from '@vm-system/projections';

export class ListExecutionEventsQuery extends Query<ExecutionEventView[]> {
  constructor(
    readonly executionId: string,
    readonly afterSeq: number,
    readonly limit: number,
  ) {
    super();
  }
}
