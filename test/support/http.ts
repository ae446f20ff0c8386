import { request as httpRequest } from 'node:http';
/** A raw request, for what the typed client would never send (bad JSON, unknown fields). */
export async function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: any }> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

export interface PlainResponse {
  status: number;
  headers: import('node:http').IncomingHttpHeaders;
  json: any;
}

/**
 * A request exactly as given, Host and Origin included (fetch sets its own Host): what a
 * browser on another site, or a DNS-rebound name, would send.
 */
export function plainRequest(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<PlainResponse> {
  const url = new URL(`${baseUrl}/api/v1${path}`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let json: any;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
