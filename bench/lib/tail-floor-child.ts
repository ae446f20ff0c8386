// The catch-up floor of a live tail, in a process of its own as the daemon is (in the bench
// process it would share one thread with the client that parses the stream): a bare node:http
// that streams the ledger's rows, read by the raw SELECT in pages of 1,000 and framed as SSE.
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

interface Row {
  position: number;
  data: string;
  metadata: string;
}

const [file, headArg] = process.argv.slice(2);
const head = Number(headArg);
const db = new Database(file, { readonly: true });
const page = db.prepare(
  'SELECT position, stream_id, seq, type, data, metadata, recorded_at, hash FROM ledger_events WHERE position > ? AND position <= ? ORDER BY position LIMIT 1000',
);

const server = createServer(async (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (let rows = page.all(0, head) as Row[]; rows.length > 0; rows = page.all(rows[rows.length - 1].position, head) as Row[]) {
    for (const row of rows) {
      const chunk = `id: ${row.position}\ndata: ${JSON.stringify({ ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) })}\n\n`;
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
  }
  res.end();
});
server.listen(0, '127.0.0.1', () => process.send?.(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on('disconnect', () => process.exit(0));
