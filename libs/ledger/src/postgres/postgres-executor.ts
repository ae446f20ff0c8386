import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { DomainError } from '@vm-system/domain';
import { SqlExecutor } from '../store/sql-executor';
import { positionalParameters } from './positional-parameters';
import { isUnavailable } from './unavailable';
import type { SyncAnswer, SyncQuery } from './sync-postgres-protocol';

/** Every write transaction takes this one lock first: PostgreSQL's stand-in for SQLite's single writer. */
export const LEDGER_WRITE_LOCK = 7_000_001;

/** How long one statement may take before the ledger is reported unavailable. */
const STATEMENT_TIMEOUT_MS = 30_000;
/** PostgreSQL's own limit on a statement or a lock wait, under the daemon's. */
const SERVER_TIMEOUT_MS = 25_000;
const IDLE_IN_TRANSACTION_MS = 15_000;

/** 503 to the caller: the request may be retried, here or on another daemon. */
export class PostgresUnavailableError extends DomainError {
  constructor(message: string) {
    super('LEDGER_UNAVAILABLE', message);
  }
}

export interface PostgresExecutor extends SqlExecutor {
  close(): Promise<void>;
}

export interface PostgresExecutorOptions {
  url: string;
  /** `normal` commits without waiting for the WAL flush (synchronous_commit off). */
  durability?: 'full' | 'normal';
  applicationName?: string;
}

/**
 * The synchronous SQL port over PostgreSQL, so that the append, its inline projections and
 * their checkpoints stay one critical section that no other JS interleaves with, exactly as
 * on SQLite. A worker thread owns the connection; this thread posts each statement and
 * blocks on a shared flag until the answer is back (a loopback round trip, ~0.1 ms). The
 * cost is that the event loop waits for PostgreSQL as it waits for SQLite's fsync; the
 * gain is one append path, one set of projectors and read models for both engines.
 */
export function postgresExecutor({ url, durability = 'full', applicationName = 'vm-system' }: PostgresExecutorOptions): PostgresExecutor {
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const setup = [
    `SET synchronous_commit = ${durability === 'normal' ? 'off' : 'on'}`,
    // PostgreSQL ends a wait or a statement before the daemon stops waiting for it, and a
    // transaction left idle (its daemon frozen mid-append) so that its write lock cannot outlive it.
    `SET lock_timeout = ${SERVER_TIMEOUT_MS}`,
    `SET statement_timeout = ${SERVER_TIMEOUT_MS}`,
    `SET idle_in_transaction_session_timeout = ${IDLE_IN_TRANSACTION_MS}`,
  ];
  const worker = new Worker(join(__dirname, 'sync-postgres-worker.js'), {
    workerData: { url, signal, port: port2, setup, applicationName, queryTimeoutMs: SERVER_TIMEOUT_MS + 2_000 },
    transferList: [port2],
  });
  // The worker must never keep the daemon alive on its own, nor die silently.
  worker.unref();
  let workerError: Error | undefined;
  worker.on('error', (error) => (workerError = error));
  let depth = 0;

  let nextId = 0;
  /** The answer to query `id`; a late answer to a query that timed out earlier is dropped. */
  const awaitAnswer = (id: number): SyncAnswer => {
    const deadline = performance.now() + STATEMENT_TIMEOUT_MS;
    for (;;) {
      const received = receiveMessageOnPort(port1)?.message as (SyncAnswer & { id: number }) | undefined;
      if (received?.id === id) return received;
      if (received) continue;
      Atomics.store(flag, 0, 0);
      // Re-checked after clearing the flag: an answer posted just before would not wake us.
      const late = receiveMessageOnPort(port1)?.message as (SyncAnswer & { id: number }) | undefined;
      if (late?.id === id) return late;
      if (late) continue;
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(flag, 0, 0, left) === 'timed-out') {
        // Whatever the worker is still waiting for must not commit later, nor hold the lock.
        port1.postMessage({ reset: true });
        throw new PostgresUnavailableError(`PostgreSQL did not answer within ${STATEMENT_TIMEOUT_MS} ms`);
      }
    }
  };

  const ask = (query: SyncQuery): { rows: Record<string, unknown>[]; rowCount: number } => {
    if (workerError) throw new PostgresUnavailableError(`PostgreSQL worker stopped: ${workerError.message}`);
    const id = ++nextId;
    port1.postMessage({ ...query, id });
    const reply = awaitAnswer(id);
    if ('error' in reply) {
      const { message, code, detail } = reply.error;
      if (isUnavailable(code)) throw new PostgresUnavailableError(`PostgreSQL unavailable: ${message}`);
      throw Object.assign(new Error(detail ? `${message} (${detail})` : message), { code });
    }
    return reply;
  };
  const query = (sql: string, params: unknown[]) => ask({ text: positionalParameters(sql), values: params.map((p) => (p === undefined ? null : p)) });

  return {
    run: (sql, ...params) => ({ changes: query(sql, params).rowCount }),
    get: <T>(sql: string, ...params: unknown[]) => query(sql, params).rows[0] as T | undefined,
    all: <T>(sql: string, ...params: unknown[]) => query(sql, params).rows as T[],
    immediate: <T>(fn: () => T): T => {
      if (depth > 0) return fn();
      depth++;
      try {
        ask({ text: `BEGIN; SELECT pg_advisory_xact_lock(${LEDGER_WRITE_LOCK})`, values: [], simple: true, transaction: 'begin' });
        const result = fn();
        ask({ text: 'COMMIT', values: [], simple: true, transaction: 'end' });
        return result;
      } catch (error) {
        try {
          ask({ text: 'ROLLBACK', values: [], simple: true, transaction: 'end' });
        } catch {
          // The connection is gone, and with it the transaction: nothing was committed.
        }
        throw error;
      } finally {
        depth--;
      }
    },
    close: async () => {
      port1.close();
      await worker.terminate();
    },
  };
}
