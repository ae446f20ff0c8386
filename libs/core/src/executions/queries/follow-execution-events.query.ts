import { Query } from '@nestjs/cqrs';
import { ExecutionEventView, ExecutionView } from '@vm-system/projections';

/** An event as it is recorded, or, last, the finished execution. */
export type ExecutionFollowItem = { kind: 'event'; event: ExecutionEventView } | { kind: 'end'; execution: ExecutionView };

/**
 * The execution's events after a seq, then each one as it is recorded; ends with the
 * finished execution. EXECUTION_NOT_FOUND is thrown before anything is yielded.
 */
export class FollowExecutionEventsQuery extends Query<AsyncIterable<ExecutionFollowItem>> {
  constructor(
    readonly executionId: string,
    readonly afterSeq: number,
    readonly signal: AbortSignal,
  ) {
    super();
  }
}
