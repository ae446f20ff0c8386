import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

/**
 * A request whose answer is read as it arrives (live tails, exports), optionally with a
 * streamed body (imports). Own connection, no keep-alive agent: a tail holds it open.
 */
export function openStream(url: URL, method: string, headers: Record<string, string>, body?: Readable, signal?: AbortSignal, ca?: Buffer): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers, signal, ...(ca ? { ca } : {}) }, resolve);
    req.on('error', reject);
    if (body) body.on('error', (error) => req.destroy(error)).pipe(req);
    else req.end();
  });
}

export async function readText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The lines of a streamed answer (NDJSON), without their newline. */
export async function* lines(res: IncomingMessage): AsyncGenerator<string> {
  res.setEncoding('utf8');
  let rest = '';
  for await (const chunk of res) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest !== '') yield rest;
}

export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

/** text/event-stream parsed into messages (comments and retry lines skipped). */
export async function* serverSentEvents(res: IncomingMessage): AsyncGenerator<ServerSentEvent> {
  let message: ServerSentEvent = { event: 'message', data: '' };
  let hasData = false;
  for await (const line of lines(res)) {
    if (line === '') {
      if (hasData) yield message;
      message = { event: 'message', data: '' };
      hasData = false;
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') {
      message.data = hasData ? `${message.data}\n${value}` : value;
      hasData = true;
    } else if (field === 'id') message.id = value;
    else if (field === 'event') message.event = value;
  }
}
