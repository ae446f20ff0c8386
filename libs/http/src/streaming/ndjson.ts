import type { Request, Response } from 'express';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';

export const NDJSON = 'application/x-ndjson';

/** Lines as application/x-ndjson, paced by the socket. */
export async function streamNdjson(res: Response, lines: AsyncIterable<string>): Promise<void> {
  res.status(200).type(NDJSON);
  for await (const line of lines) {
    if (res.destroyed) break;
    if (!res.write(`${line}\n`)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  }
  res.end();
}

/** The request body, as it arrives, into a file (an import can be larger than memory). */
export async function saveBody(req: Request, file: string): Promise<void> {
  await pipeline(req, createWriteStream(file));
}
