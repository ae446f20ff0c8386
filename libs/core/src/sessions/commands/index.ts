import { CloseSessionHandler } from './close-session.handler';
import { CreateSessionHandler } from './create-session.handler';
import { ForkSessionHandler } from './fork-session.handler';
import { ResumeSessionHandler } from './resume-session.handler';
import { SuspendSessionHandler } from './suspend-session.handler';

export const SessionCommandHandlers = [CreateSessionHandler, CloseSessionHandler, SuspendSessionHandler, ResumeSessionHandler, ForkSessionHandler];

export * from './close-session.command';
export * from './create-session.command';
export * from './suspend-session.command';
export * from './resume-session.command';
export * from './fork-session.command';
export { RUNTIME_LOST_AT_RESTART } from '../recover-sessions';
