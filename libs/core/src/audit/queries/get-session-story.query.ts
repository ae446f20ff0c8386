import { Query } from '@nestjs/cqrs';
import { TemplateSnapshot } from '@vm-system/domain';
import { StoredEvent } from '@vm-system/ledger';
import { ExecutionEventView, ExecutionView, SessionView } from '@vm-system/projections';

export interface SessionStory {
  session: SessionView;
  /** The template as it was when the session started. */
  template: TemplateSnapshot;
  /** The session's own stream: lifecycle and execution starts and finishes. */
  events: StoredEvent[];
  /** Oldest first, each with all its events. */
  executions: (ExecutionView & { events: ExecutionEventView[] })[];
}

export class GetSessionStoryQuery extends Query<SessionStory> {
  constructor(readonly sessionId: string) {
    super();
  }
}
