import type { MessagePort } from 'node:worker_threads';

/** What the daemon's thread asks the PostgreSQL worker thread, and what it answers. */
export interface SyncQuery {
  text: string;
  values: unknown[];
  /** Several statements in one round trip (no parameters), e.g. BEGIN and the lock. */
  simple?: boolean;
  /** Opens or ends a transaction: statements in between must run on the same connection. */
  transaction?: 'begin' | 'end';
}

export type SyncAnswer = { rows: Record<string, unknown>[]; rowCount: number } | { error: { message: string; code?: string; detail?: string } };

export interface SyncWorkerData {
  url: string;
  /** Int32Array over a SharedArrayBuffer: the worker flips [0] to 1 and notifies when an answer is posted. */
  signal: SharedArrayBuffer;
  port: MessagePort;
  /** Session settings run once per connection (e.g. synchronous_commit). */
  setup: string[];
  applicationName: string;
  /** The worker fails a statement after this long (before the daemon's thread stops waiting). */
  queryTimeoutMs: number;
}
