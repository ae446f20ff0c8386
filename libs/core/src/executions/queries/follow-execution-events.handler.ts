import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, executionStreamId } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { ExecutionEventView, ExecutionsReadModel } from '@vm-system/projections';
import { followPages } from '../../ledger/follow/follow-pages';
import { ExecutionFollowItem, FollowExecutionEventsQuery } from './follow-execution-events.query';

const PAGE = 1000;

@QueryHandler(FollowExecutionEventsQuery)
export class FollowExecutionEventsHandler implements IQueryHandler<FollowExecutionEventsQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly executions: ExecutionsReadModel,
  ) {}

  async execute({ executionId, afterSeq, signal }: FollowExecutionEventsQuery): Promise<AsyncIterable<ExecutionFollowItem>> {
    if (!this.executions.find(executionId)) {
      throw new DomainError('EXECUTION_NOT_FOUND', `Execution not found: ${executionId}`, { execution_id: executionId });
    }
    const streamId = executionStreamId(executionId);
    const finished = () => this.executions.find(executionId)?.status !== 'running';
    const events = followPages<ExecutionEventView>(
      {
        feed$: this.store.commits$,
        // Its own stream, and the session's ExecutionFinished that ends it.
        wakesOn: (event) => event.stream_id === streamId || (event.data as { execution_id?: string }).execution_id === executionId,
        readPage: (cursor) => this.executions.events(executionId, cursor, PAGE),
        cursorOf: (event) => event.seq,
        isDone: finished,
      },
      afterSeq,
      signal,
    );
    const executions = this.executions;
    return (async function* (): AsyncGenerator<ExecutionFollowItem> {
      for await (const event of events) yield { kind: 'event', event };
      // Ended by the finish, not by an abort or a shutdown: say how it ended.
      if (!signal.aborted && finished()) yield { kind: 'end', execution: executions.find(executionId)! };
    })();
  }
}
