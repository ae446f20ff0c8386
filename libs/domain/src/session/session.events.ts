import { Capability, StartupFile } from '../template/template.events';
import { TemplateSettings } from '../template/template-settings';

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
export type ExecutionStatus = 'running' | 'ok' | 'error' | 'timeout';

/** Timings of a finished execution; event counts come from its own stream. */
export interface ExecutionTimings {
  wall_ms: number;
  cpu_ms: number;
}

export type SessionEvent =
  | {
      type: 'SessionStarted';
      data: { session_id: string; workspace_id: string; base_commit_oid: string; worktree_path: string; template: TemplateSnapshot };
    }
  | { type: 'SessionReady'; data: Record<string, never> }
  | { type: 'SessionCrashed'; data: { error: string } }
  | {
      type: 'ExecutionStarted';
      data: { execution_id: string; kind: ExecutionKind; input?: string; path?: string; args: Record<string, unknown>; env: Record<string, unknown> };
    }
  | {
      type: 'ExecutionFinished';
      data: { execution_id: string; status: Exclude<ExecutionStatus, 'running'>; result?: unknown; error?: unknown; metrics: ExecutionTimings };
    }
  | { type: 'SessionClosed'; data: { reason: string } };

export const sessionStreamId = (sessionId: string) => `session-${sessionId}`;
