import { ApiError, DaemonUnreachableError, ErrorEnvelope } from './api-error';

export interface TransportOptions {
  serverUrl: string;
  /** Sent as X-Actor: who caused the events. */
  actor?: string;
  requestId?: string;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** JSON over HTTP to /api/v1, with errors turned back into ApiError. */
export class HttpTransport {
  constructor(private readonly options: TransportOptions) {}

  get serverUrl(): string {
    return this.options.serverUrl;
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const url = `${this.options.serverUrl.replace(/\/+$/, '')}/api/v1${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.actor) headers['x-actor'] = this.options.actor;
    if (this.options.requestId) headers['x-request-id'] = this.options.requestId;
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new DaemonUnreachableError(this.options.serverUrl, error);
    }
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const envelope: ErrorEnvelope = parsed?.error ? parsed : { error: { code: 'INTERNAL', message: `HTTP ${response.status}` } };
      throw new ApiError(response.status, envelope, response.headers.get('x-request-id') ?? undefined);
    }
    return parsed as T;
  }
}

export const query = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined) as [string, string | number][];
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
};
