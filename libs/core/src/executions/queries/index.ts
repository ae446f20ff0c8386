import { FollowExecutionEventsHandler } from './follow-execution-events.handler';
import { GetExecutionHandler } from './get-execution.handler';
import { GetExecutionJsonHandler } from './get-execution-json.handler';
import { GetExecutionSourceHandler } from './get-execution-source.handler';
import { ListExecutionEventsHandler } from './list-execution-events.handler';
import { ListExecutionsHandler } from './list-executions.handler';

export const ExecutionQueryHandlers = [
  ListExecutionsHandler,
  GetExecutionHandler,
  ListExecutionEventsHandler,
  FollowExecutionEventsHandler,
  GetExecutionSourceHandler,
  GetExecutionJsonHandler,
];

export * from './follow-execution-events.query';
export * from './get-execution.query';
export * from './get-execution-json.query';
export * from './list-execution-events.query';
export * from './list-executions.query';
export * from './get-execution-source.query';
