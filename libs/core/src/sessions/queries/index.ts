import { GetRuntimeSummaryHandler } from './get-runtime-summary.handler';
import { GetSessionHandler } from './get-session.handler';
import { ListSessionsHandler } from './list-sessions.handler';

export const SessionQueryHandlers = [ListSessionsHandler, GetSessionHandler, GetRuntimeSummaryHandler];

export * from './get-runtime-summary.query';
export * from './get-session.query';
export * from './list-sessions.query';
