// Everything the dashboard knows comes through here: the daemon's REST API (projections and
// ledger) under /api/v1, on the same origin that served the page.
import { currentToken, unauthenticated } from './auth';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The route itself is missing: a daemon older than this dashboard. */
  get routeMissing(): boolean {
    return this.status === 404 && this.code === 'NOT_FOUND';
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * One request to the API, with the stored token as `Authorization: Bearer` (never in the
 * URL). A 401 shows the sign-in form; if a new token was entered meanwhile, the request is
 * sent again with it.
 */
export async function send(path: string, init: RequestOptions = {}): Promise<Response> {
  for (let token = currentToken(); ; ) {
    const headers: Record<string, string> = { 'x-actor': 'dashboard', ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(API + path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
    if (response.status !== 401) return response;
    const retry = unauthenticated(token);
    if (!retry) return response;
    token = retry;
  }
}

/** The daemon's error envelope, or the bare status when the body is not one. */
export async function failure(response: Response): Promise<ApiError> {
  return errorFrom(response.status, await response.text(), response.statusText);
}

export function errorFrom(status: number, text: string, fallback = ''): ApiError {
  const error = parseJson(text)?.error;
  return new ApiError(status, error?.code ?? `HTTP_${status}`, error?.message ?? fallback, error?.details);
}

export async function api<T>(path: string, init: RequestOptions = {}): Promise<T> {
  const response = await send(path, init);
  if (!response.ok) throw await failure(response);
  return parseJson(await response.text()) as T;
}

function parseJson(text: string): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export const query = (params: Record<string, string | number | boolean | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

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

export interface Settings {
  limits: Record<string, number>;
  resolver: Record<string, unknown>;
  runtime: Record<string, boolean>;
}

export interface Capability {
  id: string;
  kind: string;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
}

export interface StartupFile {
  id: string;
  path: string;
  order_index: number;
  mode: string;
}

export interface TemplateDetail {
  template: Template;
  settings: Settings;
  capabilities: Capability[];
  startup_files: StartupFile[];
}

export type SessionStatus = 'starting' | 'ready' | 'suspended' | 'crashed' | 'closed';
export const SESSION_STATUSES: SessionStatus[] = ['starting', 'ready', 'suspended', 'crashed', 'closed'];

export interface Session {
  id: string;
  template_id: string;
  workspace_id: string;
  base_commit_oid: string;
  worktree_path: string;
  status: SessionStatus;
  created_at: string;
  ready_at?: string;
  closed_at?: string;
  last_error?: string;
  restores: number;
  restored_at?: string;
  forked_from?: { session_id: string; execution_id?: string };
}

export type ExecutionStatus = 'running' | 'ok' | 'error' | 'timeout' | 'cancelled';
export const EXECUTION_STATUSES: ExecutionStatus[] = ['running', 'ok', 'error', 'timeout', 'cancelled'];

export interface Execution {
  id: string;
  session_id: string;
  kind: 'repl' | 'run_file' | 'startup';
  input?: string;
  path?: string;
  status: ExecutionStatus;
  started_at: string;
  ended_at?: string;
  result?: ValuePayload;
  error?: { message?: string; stack?: string; level?: string };
  metrics: { wall_ms: number; cpu_ms: number; event_count: number; output_bytes: number };
  source_sha256?: string;
  recorded_calls: number;
  events?: ExecutionEvent[];
}

export interface ValuePayload {
  type: string;
  preview: string;
  json?: unknown;
}

export interface ExecutionEvent {
  execution_id: string;
  seq: number;
  ts: string;
  type: 'input_echo' | 'console' | 'value' | 'exception' | 'system' | 'stdout' | 'stderr';
  payload: any;
}

export interface LedgerEvent {
  position: number;
  stream_id: string;
  seq: number;
  type: string;
  data: any;
  metadata: { request_id?: string; actor?: string; causation?: string; schema?: number };
  recorded_at: string;
}

export interface LedgerHead {
  position: number;
  hash: string | null;
  recorded_at?: string | null;
}

export interface ProjectionStatus {
  name: string;
  checkpoint: number;
  lag_events: number;
  lag_seconds: number;
}

export const TEMPLATE_EVENT_TYPES = [
  'TemplateCreated',
  'TemplateSettingsChanged',
  'CapabilityAdded',
  'StartupFileAdded',
  'ModuleAdded',
  'ModuleRemoved',
  'LibraryAdded',
  'LibraryRemoved',
  'TemplateDeleted',
];
export const SESSION_EVENT_TYPES = [
  'SessionStarted',
  'SessionReady',
  'SessionCrashed',
  'ExecutionStarted',
  'ExecutionFinished',
  'SessionClosed',
  'SessionSuspended',
  'SessionRestored',
  'SessionRestoreFailed',
];
export const EXECUTION_EVENT_TYPES = ['input_echo', 'console', 'value', 'exception', 'system', 'stdout', 'stderr'];
export const TOKEN_EVENT_TYPES = ['TokenIssued', 'TokenRevoked'];
export const SOURCE_EVENT_TYPES = ['SourceRecorded'];

/** The ledger's stream kinds (a stream id is `<kind>-<id>`), each with the event types it holds. */
export const STREAM_KIND_EVENT_TYPES: Record<string, string[]> = {
  template: TEMPLATE_EVENT_TYPES,
  session: SESSION_EVENT_TYPES,
  execution: EXECUTION_EVENT_TYPES,
  token: TOKEN_EVENT_TYPES,
  source: SOURCE_EVENT_TYPES,
};
