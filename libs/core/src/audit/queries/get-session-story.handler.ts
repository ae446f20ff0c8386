import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, SessionEvent, sessionStreamId } from '@vm-system/domain';
import { EventStore, StoredEvent } from '@vm-system/ledger';
import { ExecutionEventView, ExecutionsReadModel, SessionsReadModel } from '@vm-system/projections';
import { readWhole } from '../../shared/read-whole';
import { GetSessionStoryQuery, SessionStory } from './get-session-story.query';

const PAGE = 10_000;

@QueryHandler(GetSessionStoryQuery)
export class GetSessionStoryHandler implements IQueryHandler<GetSessionStoryQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly sessions: SessionsReadModel,
    private readonly executions: ExecutionsReadModel,
  ) {}

  async execute({ sessionId }: GetSessionStoryQuery): Promise<SessionStory> {
    const session = this.sessions.find(sessionId);
    if (!session) throw new DomainError('SESSION_NOT_FOUND', `Session not found: ${sessionId}`, { session_id: sessionId });
    const events = readWhole(
      (after) => this.store.readStream(sessionStreamId(sessionId), after, PAGE),
      (e: StoredEvent) => e.seq,
    );
    const started = events[0] as unknown as Extract<SessionEvent, { type: 'SessionStarted' }>;
    const executionIds = events.filter((e) => e.type === 'ExecutionStarted').map((e) => (e.data as { execution_id: string }).execution_id);
    const executions = executionIds.map((id) => ({
      ...this.executions.find(id)!,
      events: readWhole(
        (after) => this.executions.events(id, after, PAGE),
        (e: ExecutionEventView) => e.seq,
      ),
    }));
    return { session, template: started.data.template, events, executions };
  }
}
