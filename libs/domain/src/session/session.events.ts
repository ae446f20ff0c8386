import { Capability, StartupFile } from '../template/template.events';
import { TemplateSettings } from '../template/template-settings';
import { RecordedCalls } from './recorded-calls';

/** The template's whole configuration as it was when the session started. */
export interface TemplateSnapshot {
  template_id: string;
  name: string;
  engine: string;
  settings: TemplateSettings;
  capabilities: Capability[];
  startup_files: StartupFile[];
  modules: string[];
  libraries: string[];
}

export type ExecutionKind = 'repl' | 'run_file' | 'startup';
export type ExecutionStatus = 'running' | 'ok' | 'error' | 'timeout' | 'cancelled';

/** Why a session was suspended: its host freed, its state left in the ledger. */
export type SuspendReason = 'idle' | 'daemon_restart' | 'request' | 'owner_lost';

/** Why a session's state was rebuilt by replay on a fresh host. */
export type RestoreReason = 'timeout' | 'memory' | 'host_lost' | 'cancel' | 'resume' | 'fork';

/** Where a forked session's history comes from: the parent's, up to and including that execution. */
export interface ForkedFrom {
  session_id: string;
  execution_id?: string;
}

/** Timings of a finished execution; event counts come from its own stream. */
export interface ExecutionTimings {
  wall_ms: number;
  cpu_ms: number;
}

export type SessionEvent =
  | {
      type: 'SessionStarted';
      data: {
        session_id: string;
        workspace_id: string;
        base_commit_oid: string;
        worktree_path: string;
        template: TemplateSnapshot;
        forked_from?: ForkedFrom;
      };
    }
  /** `recorded_calls`: what the libraries observed while they loaded, when anything. */
  | { type: 'SessionReady'; data: { recorded_calls?: RecordedCalls } }
  | { type: 'SessionCrashed'; data: { error: string } }
  | {
      type: 'ExecutionStarted';
      data: {
        execution_id: string;
        kind: ExecutionKind;
        input?: string;
        path?: string;
        args: Record<string, unknown>;
        env: Record<string, unknown>;
        /** The exact text a startup or run_file execution ran, recorded once per sha256 (stream `source-{sha256}`). */
        source_sha256?: string;
      };
    }
  | {
      type: 'ExecutionFinished';
      data: {
        execution_id: string;
        status: Exclude<ExecutionStatus, 'running'>;
        result?: unknown;
        error?: unknown;
        metrics: ExecutionTimings;
        /** Whether a restore replays it (absent in older ledgers: see isReplayable). */
        replayable?: boolean;
        recorded_calls?: RecordedCalls;
      };
    }
  | { type: 'SessionClosed'; data: { reason: string } }
  | { type: 'SessionSuspended'; data: { reason: SuspendReason } }
  | { type: 'SessionRestored'; data: { reason: RestoreReason; replayed: number; skipped: string[]; restore_ms: number } }
  /** The restore stopped: the session is crashed. `execution_id` and the events when a replayed execution diverged. */
  | { type: 'SessionRestoreFailed'; data: { reason: RestoreReason; error: string; execution_id?: string; expected?: unknown; actual?: unknown } };

export const sessionStreamId = (sessionId: string) => `session-${sessionId}`;
