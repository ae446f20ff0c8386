import { Query } from '@nestjs/cqrs';
import { ReplayReport } from '../replay-report';

export class ReplaySessionQuery extends Query<ReplayReport> {
  constructor(readonly sessionId: string) {
    super();
  }
}
