import { Query } from '@nestjs/cqrs';
import { ExecutionView } from '@vm-system/projections';

export class ListExecutionsQuery extends Query<ExecutionView[]> {
  constructor(
    readonly sessionId: string,
    readonly limit: number,
  ) {
    super();
  }
}
