import { GetSessionStoryHandler } from './get-session-story.handler';
import { GetStateAtHandler } from './get-state-at.handler';
import { ReplaySessionHandler } from './replay-session.handler';

export const AuditQueryHandlers = [GetStateAtHandler, GetSessionStoryHandler, ReplaySessionHandler];

export * from './get-state-at.query';
export * from './get-session-story.query';
export * from './replay-session.query';
