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
  runtime: { esm: boolean; strict: boolean; console: boolean };
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
}

export type SettingsPatch = { [K in keyof TemplateSettings]?: Partial<TemplateSettings[K]> };

export interface Session {
  id: string;
  template_id: string;
  workspace_id: string;
  base_commit_oid: string;
  worktree_path: string;
  status: 'starting' | 'ready' | 'crashed' | 'closed';
  created_at: string;
  ready_at?: string;
  closed_at?: string;
  last_error?: string;
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
  status: 'running' | 'ok' | 'error' | 'timeout';
  started_at: string;
  ended_at?: string;
  result?: any;
  error?: any;
  metrics: { wall_ms: number; cpu_ms: number; event_count: number; output_bytes: number };
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
