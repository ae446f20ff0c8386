import { Client, types } from 'pg';
import { workerData } from 'node:worker_threads';
import { isUnavailable } from './unavailable';
import type { SyncAnswer, SyncQuery, SyncWorkerData } from './sync-postgres-protocol';

// Positions, seqs and counts are BIGINT: numbers here, as better-sqlite3 gives them (safe to 2^53).
types.setTypeParser(types.builtins.INT8, (value) => Number(value));
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));

/** A connect that hangs (a silent network) fails after this, rather than queueing everything behind it. */
const CONNECT_TIMEOUT_MS = 5_000;

const { url, signal, port, setup, applicationName, queryTimeoutMs } = workerData as SyncWorkerData;
const flag = new Int32Array(signal);
let client: Client | undefined;
let connecting: Promise<Client> | undefined;
/** The connection a transaction began on: a statement of that transaction never runs on another. */
let transactionClient: Client | undefined;

/** One connection, opened on first use and again after it broke (the next query reconnects). */
function connection(): Promise<Client> {
  if (client) return Promise.resolve(client);
  connecting ??= open().finally(() => (connecting = undefined));
  return connecting;
}

async function open(): Promise<Client> {
  const fresh = new Client({
    connectionString: url,
    application_name: applicationName,
    keepAlive: true,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Fails a statement before the daemon's thread gives up waiting, so no answer comes late.
    query_timeout: queryTimeoutMs,
  });
  fresh.on('error', () => drop(fresh));
  try {
    await fresh.connect();
    for (const statement of setup) await fresh.query(statement);
  } catch (error) {
    drop(fresh);
    throw error;
  }
  client = fresh;
  return fresh;
}

/**
 * Forgets a connection and closes its socket: PostgreSQL then aborts whatever transaction
 * it had open, so no write lock outlives a connection the daemon gave up on.
 */
function drop(connection: Client): void {
  if (client === connection) client = undefined;
  (connection as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  connection.end().catch(() => undefined);
}

async function answer(query: SyncQuery): Promise<SyncAnswer> {
  try {
    if (query.transaction !== 'begin' && transactionClient && transactionClient !== client) {
      if (query.transaction === 'end') transactionClient = undefined;
      throw Object.assign(new Error('the connection to PostgreSQL was lost inside a transaction'), { code: 'ECONNRESET' });
    }
    const db = await connection();
    if (query.transaction === 'begin') transactionClient = db;
    if (query.transaction === 'end') transactionClient = undefined;
    const result = query.simple ? await db.query(query.text) : await db.query({ text: query.text, values: query.values });
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
  } catch (error) {
    const e = error as { message?: string; code?: string; detail?: string };
    if (client && isUnavailable(e.code)) drop(client);
    return { error: { message: String(e.message ?? error), code: e.code, detail: e.detail } };
  }
}

port.on('message', (query: SyncQuery & { id: number; reset?: boolean }) => {
  // The daemon stopped waiting for an answer: the connection, and any transaction on it, goes.
  if (query.reset) {
    if (client) drop(client);
    transactionClient = undefined;
    return;
  }
  void answer(query).then((reply) => {
    port.postMessage({ ...reply, id: query.id });
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
