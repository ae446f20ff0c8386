import { CloseSessionHandler } from './close-session.handler';
import { CreateSessionHandler } from './create-session.handler';
import { RecoverSessionsHandler } from './recover-sessions.handler';

export const SessionCommandHandlers = [CreateSessionHandler, CloseSessionHandler, RecoverSessionsHandler];

export * from './close-session.command';
export * from './create-session.command';
export * from './recover-sessions.command';
export { RUNTIME_LOST_AT_RESTART } from './recover-sessions.handler';
export * from './suspend-session.command';
export * from './resume-session.command';
export * from './fork-session.command';
