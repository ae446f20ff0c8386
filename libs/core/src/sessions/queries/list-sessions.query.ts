import { Query } from '@nestjs/cqrs';
import { SessionView } from '@vm-system/projections';

export class ListSessionsQuery extends Query<SessionView[]> {
  constructor(readonly status?: string) {
    super();
  }
}
