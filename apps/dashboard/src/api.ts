// Everything the dashboard knows comes through here: the daemon's REST API (projections and
// ledger) under /api/v1, on the same origin that served the page.
import type * as wire from '@vm-system/contract';
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
  for (let token = currentToken(); ;) {
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the caller gives the answer its contract type
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

// The wire types are the daemon's own schemas' (libs/contract), imported as types only so
// that nothing of zod reaches the bundle.
export type {
  Capability,
  ClusterNode,
  LedgerHead,
  ProjectionStatus,
  Session,
  SessionStatus,
  StartupFile,
  Template,
  TemplateDetail,
  TemplateSettings as Settings,
  ValuePayload,
  ExecutionStatus,
} from '@vm-system/contract';

/** Components read a payload after switching on `type`; the daemon's schema checks its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read after the view tests `type`; the daemon's schema checks the shape
export type ExecutionEvent = Omit<wire.ExecutionEvent, 'payload'> & { payload: any };

/** A ledger event's data follows its `type`, which views test before reading it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read after the view tests `type`; the daemon's schema checks the shape
export type LedgerEvent = Omit<wire.LedgerEvent, 'data'> & { data: any };

/** An execution as the dashboard holds it: with its events when it asked for them. */
export type Execution = wire.Execution & { events?: ExecutionEvent[] };

/** Every value of a wire enumeration: a missing or unknown one does not compile. */
const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): T[] => [...list];

export const SESSION_STATUSES = allOf<wire.SessionStatus>()(['starting', 'ready', 'suspended', 'crashed', 'closed']);
export const EXECUTION_STATUSES = allOf<wire.ExecutionStatus>()(['running', 'ok', 'error', 'timeout', 'cancelled']);

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
export const EXECUTION_EVENT_TYPES = allOf<wire.ExecutionEventType>()(['input_echo', 'console', 'value', 'exception', 'system', 'stdout', 'stderr']);
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
