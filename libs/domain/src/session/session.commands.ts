import { RecordedCalls } from './recorded-calls';
import { ExecutionKind, ExecutionTimings, ExecutionStatus, ForkedFrom, RestoreReason, SuspendReason, TemplateSnapshot } from './session.events';

export type SessionCommand =
  | {
      type: 'StartSession';
      sessionId: string;
      workspaceId: string;
      baseCommitOid: string;
      worktreePath: string;
      template: TemplateSnapshot;
      forkedFrom?: ForkedFrom;
    }
  | { type: 'MarkSessionReady'; recordedCalls?: RecordedCalls }
  | { type: 'RecordSessionCrash'; error: string }
  | {
      type: 'StartExecution';
      executionId: string;
      kind: ExecutionKind;
      input?: string;
      path?: string;
      args: Record<string, unknown>;
      env: Record<string, unknown>;
      sourceSha256?: string;
    }
  | {
      type: 'FinishExecution';
      executionId: string;
      status: Exclude<ExecutionStatus, 'running'>;
      result?: unknown;
      error?: unknown;
      metrics: ExecutionTimings;
      replayable: boolean;
      recordedCalls?: RecordedCalls;
    }
  /** Checks that the execution is the one running; its end is recorded by FinishExecution. */
  | { type: 'CancelExecution'; executionId: string }
  | { type: 'SuspendSession'; reason: Exclude<SuspendReason, 'daemon_restart' | 'owner_lost'> }
  /** At daemon start no session has a host: what each live one becomes. */
  | { type: 'RecoverAfterRestart'; reason: string }
  /** Its owner daemon's lease expired: another daemon records what the session becomes. */
  | { type: 'RecoverFromLostOwner'; nodeId: string }
  | { type: 'RecordSessionRestore'; reason: RestoreReason; replayed: number; skipped: string[]; restoreMs: number }
  | { type: 'RecordRestoreFailure'; reason: RestoreReason; error: string; executionId?: string; expected?: unknown; actual?: unknown }
  | { type: 'CloseSession'; reason: string };
