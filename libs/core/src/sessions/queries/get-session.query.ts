import { Query } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { SessionView, SessionsReadModel } from '@vm-system/projections';

export class GetSessionQuery extends Query<SessionView> {
  constructor(readonly sessionId: string) {
    super();
  }
}
