import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

// node:http rather than fetch: loading fetch (undici) cost a CLI command ~100 ms at start.
// Keep-alive serves long-lived users (tests, benchmarks); idle sockets do not hold a CLI open.
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

const trusting = new WeakMap<Buffer, HttpsAgent>();
/** One keep-alive agent per extra CA (--ca-cert): a client has one. */
const trustingAgent = (ca: Buffer) => {
  let agent = trusting.get(ca);
  if (!agent) trusting.set(ca, (agent = new HttpsAgent({ keepAlive: true, ca })));
  return agent;
};

/** One request; rejects only when nothing answered (connection refused, reset, DNS). */
export function sendRequest(url: URL, method: string, headers: Record<string, string>, body?: string, ca?: Buffer): Promise<RawResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = ca && url.protocol === 'https:' ? trustingAgent(ca) : agents[url.protocol as keyof typeof agents];
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
