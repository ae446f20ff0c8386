import { Query } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { ExecutionView, ExecutionsReadModel, SessionsReadModel } from '@vm-system/projections';

export class ListExecutionsQuery extends Query<ExecutionView[]> {
  constructor(
    readonly sessionId: string,
    readonly limit: number,
  ) {
    super();
  }
}
