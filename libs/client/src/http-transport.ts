import { ApiError, DaemonUnreachableError, ErrorEnvelope } from './api-error';
import { RawResponse, sendRequest } from './json-request';

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
    let response: RawResponse;
    try {
      response = await sendRequest(new URL(url), method, headers, body === undefined ? undefined : JSON.stringify(body));
    } catch (error) {
      throw new DaemonUnreachableError(this.options.serverUrl, error);
    }
    const parsed = response.text ? parseJson(response.text) : undefined;
    if (response.status < 200 || response.status >= 300) {
      const envelope: ErrorEnvelope = parsed?.error ? parsed : { error: { code: 'INTERNAL', message: `HTTP ${response.status} from ${this.options.serverUrl}` } };
      const requestId = response.headers['x-request-id'];
      throw new ApiError(response.status, envelope, typeof requestId === 'string' ? requestId : undefined);
    }
    return parsed as T;
  }
}

/** Something that is not vm-system may answer at the URL: say so instead of a parser error. */
function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { code: 'INTERNAL', message: `the server answered something that is not JSON: ${text.slice(0, 80)}` } };
  }
}

export const query = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined) as [string, string | number][];
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
};
