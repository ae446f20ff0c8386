import { GetSessionStoryHandler } from './get-session-story.handler';
import { GetStateAtHandler } from './get-state-at.handler';

export const AuditQueryHandlers = [GetStateAtHandler, GetSessionStoryHandler];

export * from './get-state-at.query';
export * from './get-session-story.query';
export * from './replay-session.query';
