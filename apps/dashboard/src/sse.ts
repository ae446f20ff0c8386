// Server-Sent Events read with fetch(): EventSource cannot send an Authorization header, and
// a token must never travel in a URL. Reads text/event-stream as EventSource would (`id`,
// `event`, `data` lines; a blank line ends a message) and, like it, reconnects after a
// dropped connection with `Last-Event-ID`, which the daemon resumes after.
import { errorFrom, failure, send } from './api';

export interface SseMessage {
  /** `message` unless the stream named it (`end`, `error`). */
  event: string;
  data: string;
  id?: string;
}

export interface TailHandlers {
  /** Each message as it comes; answering true ends the tail (the stream's last message). */
  onMessage(message: SseMessage): boolean | void;
  /** The route answered something other than an event stream: a daemon without live tails. */
  onNoStream(): void;
  /** An error answer (the daemon's envelope as an ApiError), or what onMessage threw. The tail ends. */
  onError(error: unknown): void;
}

/** How long to wait before reconnecting (EventSource waits a few seconds too). */
const RETRY_MS = 2_000;

/** Follows `path` (under /api/v1) until the answer is called. */
export function tail(path: string, handlers: TailHandlers): () => void {
  const abort = new AbortController();
  const { signal } = abort;
  let lastId: string | undefined;
  (async () => {
    while (!signal.aborted) {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (lastId !== undefined) headers['last-event-id'] = lastId;
        const response = await send(path, { headers, signal });
        if (!response.ok) throw await failure(response);
        if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
          await response.body?.cancel();
          if (!signal.aborted) handlers.onNoStream();
          return;
        }
        for await (const message of messages(response.body!)) {
          if (signal.aborted) return;
          if (message.id !== undefined) lastId = message.id;
          // The daemon's failure after the headers went out: its envelope, as an event.
          if (message.event === 'error') throw errorFrom(500, message.data);
          try {
            if (handlers.onMessage(message)) return;
          } catch (error) {
            return handlers.onError(error);
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        // fetch() reports a refused or dropped connection as a TypeError: try again.
        if (!(error instanceof TypeError)) return handlers.onError(error);
      }
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, RETRY_MS);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)), { once: true });
      });
    }
  })();
  return () => abort.abort();
}

/** The messages of one text/event-stream body, until it ends. */
async function* messages(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += decoder.decode(value, { stream: !done });
      // A chunk ending in \r may be half of a \r\n: keep it until the next one.
      const end = !done && buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
      const lines = buffer.slice(0, end).split(/\r\n|\r|\n/);
      buffer = lines.pop()! + buffer.slice(end);
      for (const line of lines) {
        if (line === '') {
          if (data.length) yield { event: event || 'message', data: data.join('\n'), id };
          data = [];
          event = '';
          continue;
        }
        if (line.startsWith(':')) continue; // a comment: the daemon's heartbeat
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
        if (field === 'data') data.push(text);
        else if (field === 'event') event = text;
        else if (field === 'id' && !text.includes('\0')) id = text;
      }
      // A message the stream did not finish with a blank line is dropped, as EventSource does.
      if (done) return;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
