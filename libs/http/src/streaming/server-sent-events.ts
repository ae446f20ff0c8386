import type { Request, Response } from 'express';
import { once } from 'node:events';
import { Logger } from '@nestjs/common';
import { requestLogFields } from '../request/request-log-fields';

const logger = new Logger('HTTP');

export interface SseMessage {
  id?: number;
  /** Omitted for ordinary messages (EventSource's onmessage). */
  event?: string;
  data: unknown;
}

/** Comment lines that keep proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/** The resume point: Last-Event-ID (an EventSource reconnecting) wins over the query's cursor. */
export function resumeCursor(req: Request, fromQuery: number): number {
  const header = req.header('last-event-id');
  return header && /^\d+$/.test(header) ? Number(header) : fromQuery;
}

/**
 * Writes messages as text/event-stream until the iterable ends or the client goes away.
 * A slow client is waited for (the iterable is not read ahead of the socket).
 */
export async function streamServerSentEvents(res: Response, messages: AsyncIterable<SseMessage>, abort: AbortController): Promise<void> {
  res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  res.on('close', () => abort.abort());
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  try {
    for await (const message of messages) {
      if (res.destroyed) break;
      const chunk = `${message.id !== undefined ? `id: ${message.id}\n` : ''}${message.event ? `event: ${message.event}\n` : ''}data: ${JSON.stringify(message.data)}\n\n`;
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
  } catch (error) {
    // Headers are gone: the envelope travels as an `error` event instead of a status.
    logger.error({ msg: `live tail failed: ${(error as Error).message}`, stack: (error as Error).stack, ...requestLogFields(res.req, res) });
    res.write(`event: error\ndata: ${JSON.stringify({ error: { code: 'INTERNAL', message: 'Internal error' } })}\n\n`);
  } finally {
    clearInterval(heartbeat);
    res.end();
  }
}
