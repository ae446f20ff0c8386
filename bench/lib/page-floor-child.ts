// The floor of an events page, in a process of its own as the daemon is: the raw SELECT of a
// page, each row's payload parsed, behind a bare node:http, and (for reference) the same
// handler behind Express. Answers its two URLs to the parent.
import Database from 'better-sqlite3';
import express from 'express';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

interface PageRow {
  seq: number;
  recorded_at: string;
  type: string;
  data: string;
}

const [file, pageArg] = process.argv.slice(2);
const db = new Database(file, { readonly: true });
const select = db.prepare('SELECT seq, recorded_at, type, data FROM ledger_events WHERE stream_id = ? AND seq > ? ORDER BY seq LIMIT ?');
const page = (id: string, afterSeq: number) =>
  (select.all(`execution-${id}`, afterSeq, Number(pageArg)) as PageRow[]).map((r) => ({
    execution_id: id,
    seq: r.seq,
    ts: r.recorded_at,
    type: r.type,
    payload: JSON.parse(r.data),
  }));

const bare = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const text = JSON.stringify(page(url.searchParams.get('id')!, Number(url.searchParams.get('after_seq'))));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
});
bare.keepAliveTimeout = 60_000;

const app = express();
app.get('/api/v1/events', (req, res) => {
  res.json(page(String(req.query.id), Number(req.query.after_seq)));
});
const behindExpress = createServer(app);
behindExpress.keepAliveTimeout = 60_000;

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

void Promise.all([listen(bare), listen(behindExpress)]).then(([bareUrl, expressUrl]) => process.send?.({ bareUrl, expressUrl }));
process.on('disconnect', () => process.exit(0));
