import ivm from 'isolated-vm';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { bareServer, sendJson } from './bare-http';
import { now } from './stats';

/** The ledger's columns and its two unique keys, without our projections, lock or chain check. */
const EVENTS_TABLE = `CREATE TABLE IF NOT EXISTS floor_events (position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, seq))`;
const METADATA = JSON.stringify({ request_id: 'bench', causation: 'RecordExecutionEvents', schema: 1 });

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit = on');
  await client.query(EVENTS_TABLE);
  return client;
}

/** `INSERT … VALUES ($1 … $7), ($8 … $14) …` for `rows` rows of the columns after `position`. */
function multiRowInsert(rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: 7 }, (_, c) => `$${r * 7 + c + 1}`).join(', ')})`);
  return `INSERT INTO floor_events (stream_id, seq, type, data, metadata, recorded_at, hash) VALUES ${tuples.join(', ')}`;
}

/**
 * The floor of a REPL round trip on PostgreSQL: bare node:http, one async isolated-vm eval,
 * one `pg` INSERT (autocommit, synchronous_commit on), in one process.
 */
export async function startPostgresReplFloor(url: string): Promise<{ url: string; close(): Promise<void> }> {
  const isolate = new ivm.Isolate({ memoryLimit: 128 });
  const context = await isolate.createContext();
  const client = await connect(url);
  const stream = `repl-floor-${Date.now()}`;
  const insert = multiRowInsert(1);
  let seq = 0;
  const server = await bareServer(async (_req, body, res) => {
    const { input } = JSON.parse(body);
    const value = await context.eval(input, { timeout: 5000 });
    const data = JSON.stringify({ json: value });
    await client.query(insert, [stream, ++seq, 'value', data, METADATA, new Date().toISOString(), '']);
    sendJson(res, JSON.stringify({ status: 'ok', result: { json: value } }));
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await client.end();
      isolate.dispose();
    },
  };
}

/**
 * The floor of a console flood on PostgreSQL: the same rows as the ledger's (same payloads,
 * metadata, the chained sha256 of each row), one multi-row INSERT per `batch` rows, each its
 * own commit. Answers rows/s.
 */
export async function postgresFloodFloor(url: string, lines: number, batch: number): Promise<number> {
  const client = await connect(url);
  const stream = `flood-floor-${Date.now()}`;
  let hash = '';
  const start = now();
  for (let from = 0; from < lines; from += batch) {
    const recordedAt = new Date().toISOString();
    const values: unknown[] = [];
    const to = Math.min(from + batch, lines);
    for (let i = from; i < to; i++) {
      const data = JSON.stringify({ level: 'log', text: `line ${i}` });
      hash = createHash('sha256')
        .update(hash)
        .update(JSON.stringify([i + 1, stream, i + 1, 'console', data, METADATA, recordedAt]))
        .digest('hex');
      values.push(stream, i + 1, 'console', data, METADATA, recordedAt, hash);
    }
    await client.query(multiRowInsert(to - from), values);
  }
  const ms = now() - start;
  await client.end();
  return (lines / ms) * 1000;
}

/**
 * The floor of several daemons appending at once: `clients` bare `pg` connections, each
 * committing 2-row INSERTs (a REPL execution's shape: two commits of two events) in a loop for
 * `ms`, with no lock of ours between them. Answers rows/s over all clients.
 */
export async function concurrentInsertFloor(url: string, clients: number, ms: number): Promise<number> {
  // One after the other: concurrent CREATE TABLE IF NOT EXISTS can collide in the catalog.
  const connections: Client[] = [];
  for (let c = 0; c < clients; c++) connections.push(await connect(url));
  const insert = multiRowInsert(2);
  const run = `${Date.now()}`;
  let rows = 0;
  const start = now();
  await Promise.all(
    connections.map(async (client, c) => {
      const stream = `insert-floor-${run}-${c}`;
      for (let seq = 0; now() - start < ms; seq += 2) {
        const at = new Date().toISOString();
        const data = JSON.stringify({ json: 2 });
        await client.query(insert, [stream, seq + 1, 'value', data, METADATA, at, '', stream, seq + 2, 'ExecutionFinished', data, METADATA, at, '']);
        rows += 2;
      }
    }),
  );
  const rate = (rows / (now() - start)) * 1000;
  await Promise.all(connections.map((c) => c.end()));
  return rate;
}
