/** What the daemon answers: the shapes of the REST contract. */
export interface Template {
  id: string;
  name: string;
  engine: string;
  is_active: boolean;
  exposed_modules: string[];
  libraries: string[];
  created_at: string;
  updated_at: string;
}

export interface TemplateSettings {
  limits: { cpu_ms: number; wall_ms: number; mem_mb: number; max_events: number; max_output_kb: number };
  resolver: { roots: string[]; extensions: string[]; allow_absolute_repo_imports: boolean };
  runtime: { esm: boolean; strict: boolean; console: boolean; max_recorded_calls: number; max_replay_ms: number };
}

export interface Capability {
  id: string;
  template_id: string;
  kind: string;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
}

export interface StartupFile {
  id: string;
  template_id: string;
  path: string;
  order_index: number;
  mode: string;
}

export interface TemplateDetail {
  template: Template;
  settings: TemplateSettings;
  capabilities: Capability[];
  startup_files: StartupFile[];
}

export interface CatalogModule {
  name: string;
  description: string;
  functions: string[];
}

export interface CatalogLibrary {
  id: string;
  name: string;
  version: string;
  global: string;
  description: string;
}

export interface LedgerEvent {
  position: number;
  stream_id: string;
  seq: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: string;
  hash: string;
}

export interface LedgerFilter {
  stream_id?: string;
  stream_kind?: 'template' | 'session' | 'execution' | 'token' | 'source';
  type?: string;
}

export interface LedgerHead {
  position: number;
  hash: string | null;
  recorded_at: string | null;
}

export type VerifyReport =
  | { ok: true; count: number; head_position: number; head_hash: string | null }
  | { ok: false; count: number; first_bad_position: number; reason: string; expected: string; found: string };

export interface ImportReport {
  events: number;
  head_position: number;
  head_hash: string | null;
}

export interface ProjectionStatus {
  name: string;
  checkpoint: number;
  lag_events: number;
  lag_seconds: number;
}

export interface RebuildReport {
  events: number;
  position: number;
  elapsed_ms: number;
  events_per_s: number;
  projections: { name: string; rows: number; equal: boolean; differences: number }[];
}

export interface RebuildProgress {
  position: number;
  head: number;
}

export type PointInHistory = { position: number } | { timestamp: string };

export interface StateAt {
  stream_id: string;
  kind: 'template' | 'session';
  at: PointInHistory;
  seq: number;
  position: number;
  recorded_at: string | null;
  state: Record<string, unknown> & { status: string };
}

export interface SessionStory {
  session: Session;
  template: Record<string, unknown> & { template_id: string; name: string };
  events: LedgerEvent[];
  executions: ExecutionWithEvents[];
}

export type ExecutionFollowItem = { kind: 'event'; event: ExecutionEvent } | { kind: 'end'; execution: Execution };

export type SettingsPatch = { [K in keyof TemplateSettings]?: Partial<TemplateSettings[K]> };

export interface Session {
  id: string;
  template_id: string;
  workspace_id: string;
  base_commit_oid: string;
  worktree_path: string;
  status: 'starting' | 'ready' | 'suspended' | 'crashed' | 'closed';
  created_at: string;
  ready_at?: string;
  closed_at?: string;
  last_error?: string;
  restores: number;
  restored_at?: string;
  forked_from?: { session_id: string; execution_id?: string };
}

export interface ExecutionEvent {
  execution_id: string;
  seq: number;
  ts: string;
  type: string;
  payload: any;
}

export interface Execution {
  id: string;
  session_id: string;
  kind: 'repl' | 'run_file' | 'startup';
  input?: string;
  path?: string;
  args: Record<string, unknown>;
  env: Record<string, unknown>;
  status: 'running' | 'ok' | 'error' | 'timeout' | 'cancelled';
  started_at: string;
  ended_at?: string;
  result?: any;
  error?: any;
  metrics: { wall_ms: number; cpu_ms: number; event_count: number; output_bytes: number };
  source_sha256?: string;
  recorded_calls: number;
}

export type ExecutionWithEvents = Execution & { events: ExecutionEvent[] };

export interface RuntimeSummary {
  active_sessions: number;
  active_session_ids: string[];
  warm_hosts: number;
}

export interface CreateSessionBody {
  template_id: string;
  workspace_id: string;
  base_commit_oid: string;
  worktree_path: string;
}

export type Scope = 'read' | 'execute' | 'admin';

export interface Token {
  token_id: string;
  name: string;
  scopes: Scope[];
  created_at: string;
  expires_at?: string;
  max_live_sessions?: number;
  revoked_at?: string;
}

/** The answer to `POST /tokens`: the only time the secret is shown. */
export type IssuedToken = Token & { token: string };

export interface IssueTokenBody {
  name: string;
  scopes: Scope[];
  expires_at?: string;
  max_live_sessions?: number;
}

export interface ForkSessionBody {
  at_execution_id?: string;
  worktree_path?: string;
}

/** One replayed execution compared with what the ledger recorded of it. */
export interface ReplayedExecution {
  execution_id: string;
  verdict: 'same' | 'diverged';
  first_difference?: { index: number; expected: unknown; actual: unknown };
}

/** `POST /audit/sessions/{id}/replay`: the history re-executed in a throwaway host, nothing appended. */
export interface ReplayReport {
  session_id: string;
  verdict: 'same' | 'diverged';
  /** Executions a restore leaves out (timeouts, cancels, lost hosts). */
  skipped: string[];
  executions: ReplayedExecution[];
  /** Set when the replay could not run at all. */
  error?: string;
}
