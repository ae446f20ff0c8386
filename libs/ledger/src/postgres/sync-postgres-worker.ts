import { Client, types } from 'pg';
import { workerData } from 'node:worker_threads';
import type { SyncAnswer, SyncQuery, SyncWorkerData } from './sync-postgres-protocol';

// Positions, seqs and counts are BIGINT: numbers here, as better-sqlite3 gives them (safe to 2^53).
types.setTypeParser(types.builtins.INT8, (value) => Number(value));
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));

const { url, signal, port, setup, applicationName } = workerData as SyncWorkerData;
const flag = new Int32Array(signal);
let client: Client | undefined;
/** The connection a transaction began on: a statement of that transaction never runs on another. */
let transactionClient: Client | undefined;

/** One connection, opened on first use and again after it broke (the next query reconnects). */
async function connection(): Promise<Client> {
  if (client) return client;
  const fresh = new Client({ connectionString: url, application_name: applicationName });
  fresh.on('error', () => {
    if (client === fresh) client = undefined;
  });
  await fresh.connect();
  for (const statement of setup) await fresh.query(statement);
  client = fresh;
  return fresh;
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
    // SQLSTATE codes never start with E; Node's socket errors (ECONNRESET…) do: reconnect next time.
    if (!e.code || e.code.startsWith('E')) client = undefined;
    return { error: { message: String(e.message ?? error), code: e.code, detail: e.detail } };
  }
}

port.on('message', (query: SyncQuery & { id: number }) => {
  void answer(query).then((reply) => {
    port.postMessage({ ...reply, id: query.id });
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
