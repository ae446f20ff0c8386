import { takeCoverage } from 'node:v8';
import type { DaemonToHost, EventChunk, HostToDaemon } from '../protocol';
import { IsolateSession, PreparedIsolate, PREPARED_MEMORY_LIMIT } from './isolate-session';
import { warmUpSourceRewrite } from './repl-rewrite';
import { replayRuns } from './replay';

/**
 * Entry point of a session host process, forked by the supervisor with
 * `execArgv: ['--no-node-snapshot'], serialization: 'advanced'`.
 *
 * Why a process per session: a memory bomb aborts the whole process (SIGABRT) whatever
 * `memoryLimit` says, so only a process boundary contains it. Importing isolated-vm here, at
 * load time, is what makes a pre-forked (warm) host worth having: it waits for `start` with
 * Node and the native addon already loaded.
 */

let session: IsolateSession | null = null;
/** Built while this host waits in the warm pool (see PreparedIsolate); taken by `start`. */
let prepared: Promise<PreparedIsolate | null> = Promise.resolve(null);
let running = false;
let currentRunId = 0;
let outbox: EventChunk[] = [];
let flushScheduled = false;

function send(message: HostToDaemon): void {
  if (!process.connected) return;
  // The callback swallows EPIPE-style errors when the daemon went away mid-send.
  process.send?.(message, undefined, undefined, () => undefined);
}

/**
 * Sends the answer that ends a request. A host only ever dies by SIGKILL, which writes no
 * coverage, so under NODE_V8_COVERAGE (the test suite's coverage) it first writes what it
 * has run so far: before the answer, so the daemon cannot kill it in between.
 */
const reply: (message: HostToDaemon) => void = process.env.NODE_V8_COVERAGE
  ? (message) => {
      takeCoverage();
      send(message);
    }
  : send;

// Guest batches arrive as separate callbacks; coalescing them per event-loop turn keeps a
// console flood to a few large IPC messages instead of one per guest batch.
function queueChunk(chunk: EventChunk): void {
  outbox.push(chunk);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushEvents);
  }
}

function flushEvents(): void {
  flushScheduled = false;
  if (outbox.length === 0) return;
  send({ type: 'events', runId: currentRunId, chunks: takeOutbox() });
}

function takeOutbox(): EventChunk[] {
  const events = outbox;
  outbox = [];
  return events;
}

async function start(message: Extract<DaemonToHost, { type: 'start' }>): Promise<void> {
  if (session !== null) {
    reply({ type: 'start-failed', error: 'This host already runs a session' });
    return;
  }
  try {
    const ready = await prepared;
    prepared = Promise.resolve(null);
    session = await IsolateSession.create(message.spec, queueChunk, ready, (produced) => send({ type: 'code-caches', produced }));
    reply({ type: 'started', libraries: session.libraryCodeCaches, libraryCalls: session.libraryCalls });
  } catch (err) {
    reply({ type: 'start-failed', error: err instanceof Error ? err.message : String(err) });
  }
}

async function run(message: Extract<DaemonToHost, { type: 'run' }>): Promise<void> {
  if (session === null || running) {
    const reason = session === null ? 'no session started in this host' : 'a run is already in progress';
    const result = { status: 'error' as const, crashed: `Session host refused the run: ${reason}`, cpuMs: 0 };
    reply({ type: 'done', runId: message.runId, result, chunks: [] });
    return;
  }
  running = true;
  currentRunId = message.runId;
  try {
    const result = await session.run(message.req, message.budget, (cpuMs) => send({ type: 'progress', runId: message.runId, cpuMs }));
    reply({ type: 'done', runId: message.runId, result, chunks: takeOutbox() });
    if (result.crashed !== undefined) session.dispose();
  } catch (err) {
    // A bug on our side, not the guest's: report it as a lost session rather than hang the run.
    const crashed = `Session host failed: ${err instanceof Error ? err.message : String(err)}`;
    reply({ type: 'done', runId: message.runId, result: { status: 'error', crashed, cpuMs: 0 }, chunks: takeOutbox() });
  } finally {
    running = false;
  }
}

async function replay(message: Extract<DaemonToHost, { type: 'replay' }>): Promise<void> {
  if (session === null || running) {
    const detail = session === null ? 'no session started in this host' : 'a run is in progress';
    const runs = message.items
      .slice(0, 1)
      .map((item) => ({ executionId: item.executionId, verdict: 'diverged' as const, firstDifference: { index: 0, expected: null, actual: null, detail } }));
    reply({ type: 'replayed', runs });
    return;
  }
  running = true;
  try {
    reply({ type: 'replayed', runs: await replayRuns(session, message.items, message.stopAtFirstDifference) });
  } catch (err) {
    // Our bug, not the guest's: the daemon's wait must end, and the restore fails saying so.
    const detail = `the replay failed in the host: ${err instanceof Error ? err.message : String(err)}`;
    const first = message.items[0];
    reply({ type: 'replayed', runs: first ? [{ executionId: first.executionId, verdict: 'diverged', firstDifference: { index: 0, expected: null, actual: null, detail } }] : [] });
  } finally {
    running = false;
  }
}

process.on('message', (message: DaemonToHost) => {
  if (message.type === 'start') void start(message);
  else if (message.type === 'run') void run(message);
  else if (message.type === 'replay') void replay(message);
});

// The daemon is gone (or closed the channel): nothing left to serve. SIGKILL, not exit():
// an orderly exit waits for an isolate thread that may be spinning in guest code.
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));

// 'ready' once the prepared isolate is built and the source rewrite warmed up, so a pool host
// counted as warm has both; a failure here only means `start` builds the isolate itself.
prepared = PreparedIsolate.build(PREPARED_MEMORY_LIMIT).catch(() => null);
void prepared.then(() => {
  try {
    warmUpSourceRewrite();
  } catch {
    // Only a speed-up: a host that could not warm up still serves.
  }
  send({ type: 'ready' });
});
