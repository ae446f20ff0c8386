import Database from 'better-sqlite3';
import ivm from 'isolated-vm';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * The raw floor of a REPL round trip: bare node:http, one async isolated-vm eval, one
 * SQLite append, in one process; nothing of ours in between.
 */
export async function startReplFloor(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const isolate = new ivm.Isolate({ memoryLimit: 128 });
  const context = await isolate.createContext();
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT, seq INTEGER, type TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO events (stream_id, seq, type, data) VALUES (?, ?, ?, ?)');
  let seq = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const { input } = JSON.parse(body);
      const value = await context.eval(input, { timeout: 5000 });
      insert.run('floor', ++seq, 'value', JSON.stringify({ json: value }));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'ok', result: { json: value } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      db.close();
      isolate.dispose();
    },
  };
}

/** The raw floor of a session create: a bare isolate and context, in process. */
export async function bareIsolateAndContext(): Promise<void> {
  const isolate = new ivm.Isolate({ memoryLimit: 128 });
  await isolate.createContext();
  isolate.dispose();
}
