import { TemplateSnapshot } from './session.events';

export type SessionStatus = 'starting' | 'ready' | 'suspended' | 'crashed' | 'closed';

export type SessionState = { status: 'absent' } | { status: SessionStatus; id: string; worktreePath: string; template: TemplateSnapshot; runningExecutionId?: string };

export const initialSessionState = (): SessionState => ({ status: 'absent' });
