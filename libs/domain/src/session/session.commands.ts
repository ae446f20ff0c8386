import { ExecutionKind, ExecutionTimings, ExecutionStatus, TemplateSnapshot } from './session.events';

export type SessionCommand =
  | { type: 'StartSession'; sessionId: string; workspaceId: string; baseCommitOid: string; worktreePath: string; template: TemplateSnapshot }
  | { type: 'MarkSessionReady' }
  | { type: 'RecordSessionCrash'; error: string }
  | { type: 'StartExecution'; executionId: string; kind: ExecutionKind; input?: string; path?: string; args: Record<string, unknown>; env: Record<string, unknown> }
  | { type: 'FinishExecution'; executionId: string; status: Exclude<ExecutionStatus, 'running'>; result?: unknown; error?: unknown; metrics: ExecutionTimings }
  | { type: 'CloseSession'; reason: string };
