import type { ErrorEnvelope } from '@vm-system/contract';
import { ApiError, DaemonUnreachableError } from './api-error';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { RawResponse, sendRequest } from './json-request';
import { openStream, readText } from './stream-request';

export interface TransportOptions {
  serverUrl: string;
  /** Sent as X-Actor: who caused the events. */
  actor?: string;
  requestId?: string;
  /** Sent as Authorization: Bearer; never in a URL. */
  token?: string;
  /** PEM certificate(s) to trust for an https:// server (e.g. a self-signed one). */
  ca?: Buffer;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** JSON over HTTP to /api/v1, with errors turned back into ApiError. */
export class HttpTransport {
  constructor(private readonly options: TransportOptions) {}

  get serverUrl(): string {
    return this.options.serverUrl;
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, 'application/json', body);
    const parsed = response.text ? parseJson(response.text) : undefined;
    if (response.status < 200 || response.status >= 300) throw this.apiError(response.status, parsed, response.headers);
    return parsed as T;
  }

  /** An answer that is text (an execution's source), as it came; errors still arrive as JSON. */
  async requestText(method: Method, path: string): Promise<string> {
    const response = await this.send(method, path, 'text/plain');
    if (response.status < 200 || response.status >= 300) throw this.apiError(response.status, response.text ? parseJson(response.text) : undefined, response.headers);
    return response.text;
  }

  private async send(method: Method, path: string, accept: string, body?: unknown): Promise<RawResponse> {
    const headers = this.headers({ accept });
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await sendRequest(this.url(path), method, headers, body === undefined ? undefined : JSON.stringify(body), this.options.ca);
    } catch (error) {
      throw new DaemonUnreachableError(this.options.serverUrl, error);
    }
  }

  /** An answer to read as it arrives (SSE, NDJSON); an error status is thrown as ApiError. */
  async stream(method: Method, path: string, headers: Record<string, string>, body?: Readable, signal?: AbortSignal): Promise<IncomingMessage> {
    let res: IncomingMessage;
    try {
      res = await openStream(this.url(path), method, this.headers(headers), body, signal, this.options.ca);
    } catch (error) {
      throw new DaemonUnreachableError(this.options.serverUrl, error);
    }
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const text = await readText(res);
      throw this.apiError(status, text ? parseJson(text) : undefined, res.headers);
    }
    return res;
  }

  private url(path: string): URL {
    return new URL(`${this.options.serverUrl.replace(/\/+$/, '')}/api/v1${path}`);
  }

  private headers(base: Record<string, string>): Record<string, string> {
    const headers = { ...base };
    if (this.options.actor) headers['x-actor'] = this.options.actor;
    if (this.options.requestId) headers['x-request-id'] = this.options.requestId;
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    return headers;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever answered; the envelope is checked before use
  private apiError(status: number, parsed: any, headers: Record<string, string | string[] | undefined>): ApiError {
    const envelope: ErrorEnvelope = parsed?.error ? parsed : { error: { code: 'INTERNAL', message: `HTTP ${status} from ${this.options.serverUrl}` } };
    const requestId = headers['x-request-id'];
    return new ApiError(status, envelope, typeof requestId === 'string' ? requestId : undefined);
  }
}

/** Something that is not vm-system may answer at the URL: say so instead of a parser error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the caller gives the answer its contract type
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
