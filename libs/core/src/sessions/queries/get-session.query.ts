import { Query } from '@nestjs/cqrs';
import { SessionView } from '@vm-system/projections';

export class GetSessionQuery extends Query<SessionView> {
  constructor(readonly sessionId: string) {
    super();
  }
}
