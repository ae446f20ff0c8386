import type { DurableHorizon } from '@vm-system/ledger';
import type { ServerResponse } from 'node:http';

type Write = (...args: unknown[]) => unknown;

const UNAVAILABLE = JSON.stringify({ error: { code: 'LEDGER_UNAVAILABLE', message: 'The ledger could not make this answer durable' } });

/**
 * Nothing leaves the daemon before what it shows is durable: each chunk of the answer
 * (a body, a live tail's line, an export's page) waits until every write made before it
 * was handed over has synced, since whatever it says was read from those writes. Chunks
 * keep their order; when nothing is waiting they go out at once. If the sync fails, an
 * answer not yet started becomes 503 LEDGER_UNAVAILABLE, and one under way is cut off, so
 * nobody is told of a write that may not survive.
 */
export function holdUntilDurable(res: ServerResponse, horizon: DurableHorizon): void {
  const write = res.write as Write;
  const end = res.end as Write;
  let held: Promise<void> | undefined;
  let failed = false;

  const send = (original: Write, args: unknown[]) => {
    if (!failed) original.apply(res, args);
  };
  const hold = (original: Write, args: unknown[]): boolean => {
    if (held === undefined && horizon.settled) {
      original.apply(res, args);
      return true;
    }
    // Taken now: the chunk depends on the writes made up to this moment, not on later ones.
    const durable = horizon.whenDurable();
    const previous = held ?? Promise.resolve();
    const mine: Promise<void> = previous
      .then(() => durable)
      .then(
        () => send(original, args),
        () => refuse(),
      )
      .finally(() => {
        if (held === mine) held = undefined;
      });
    held = mine;
    return true;
  };
  const refuse = () => {
    if (failed) return;
    failed = true;
    if (res.headersSent) return void res.destroy();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.statusCode = 503;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(UNAVAILABLE));
    end.call(res, UNAVAILABLE);
  };

  res.write = ((...args: unknown[]) => hold(write, args)) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    hold(end, args);
    return res;
  }) as typeof res.end;
}
