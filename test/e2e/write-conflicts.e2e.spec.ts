import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { INLINE_PROJECTORS } from '@vm-system/core';
import { EventStore, sqliteExecutor } from '@vm-system/ledger';
import { TestDaemon, startDaemon } from '../support/daemon';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError } from '@vm-system/client';
import { makeSession, makeTemplate } from '../support/fixtures';
import { rawRequest } from '../support/http';

/**
 * Whether the daemon's main thread sleeps in SQLite's busy handler (Linux: the kernel names
 * where a task waits): it has loaded and decided, and waits for the write lock we hold. Idle,
 * it waits in epoll instead.
 */
const waitsForTheLock = (pid: number) => /nanosleep/.test(readFileSync(`/proc/${pid}/wchan`, 'utf8'));

/** Polls the daemon's state until it waits for the lock; the bound only fails a daemon that never does. */
async function untilItWaitsForTheLock(pid: number): Promise<void> {
  for (let round = 0; round < 3000; round++) {
    if (waitsForTheLock(pid)) return;
    await delay(10);
  }
  throw new Error('the daemon never waited for the write lock');
}

/** A POST sent in full (handed to the kernel) before it resolves; the answer comes later. */
function sentPost(url: string, path: string): Promise<{ answer: Promise<{ status: number; body: any }> }> {
  return new Promise((sent, failed) => {
    let answered: (value: { status: number; body: any }) => void;
    const answer = new Promise<{ status: number; body: any }>((resolve) => (answered = resolve));
    const req = request(`${url}/api/v1${path}`, { method: 'POST', agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => answered({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', failed);
    req.on('finish', () => sent({ answer }));
    req.end();
  });
}

describe('conflicts the daemon reports rather than resolves', () => {
  let daemon: TestDaemon;
  before(async () => (daemon = await startDaemon()));
  after(() => daemon.stop());

  test('a second projection rebuild while one runs is 409 REBUILD_IN_PROGRESS; the first completes, and the next one runs', async () => {
    // Enough events that a rebuild takes several event-loop turns (5,000 events a turn).
    const session = await makeSession(daemon.client, { settings: { limits: { cpu_ms: 60000, wall_ms: 60000, max_events: 100_000, max_output_kb: 65_536 } } });
    const flood = await daemon.client.repl(session.id, 'for (let i = 0; i < 30000; i++) console.log(i)');
    assert.equal(flood.status, 'ok');

    // Both requests reach the daemon while it is stopped, so it reads them together: whichever
    // its event loop takes first starts the rebuild, the other finds it running.
    const pid = daemon.process.pid!;
    process.kill(pid, 'SIGSTOP');
    let answers: { status: number; body: any }[];
    try {
      const both = await Promise.all([sentPost(daemon.url, '/ops/rebuild-projections'), sentPost(daemon.url, '/ops/rebuild-projections')]);
      process.kill(pid, 'SIGCONT');
      answers = await Promise.all(both.map((request) => request.answer));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const refused = answers.find((answer) => answer.status === 409);
    const rebuilt = answers.find((answer) => answer.status === 200)!;
    assert.deepEqual(refused?.body.error.code, 'REBUILD_IN_PROGRESS', JSON.stringify(answers));
    assert.ok(rebuilt?.body.events >= 30000, JSON.stringify(answers));
    assert.ok(
      rebuilt.body.projections.every((projection: { equal: boolean }) => projection.equal),
      JSON.stringify(rebuilt.body),
    );
    const again = await rawRequest(daemon.url, 'POST', '/ops/rebuild-projections');
    assert.equal(again.status, 200, JSON.stringify(again.json));
  });

  test('another process appending to a stream between the load and the append: 409 CONCURRENCY_CONFLICT, nothing written; a retry succeeds', async () => {
    const templateId = await makeTemplate(daemon.client);
    const stream = `template-${templateId}`;
    // The second writer: the ledger's own store, in this process, on the daemon's file.
    const db = new Database(daemon.dbFile, { timeout: 5000 });
    try {
      const store = new EventStore(sqliteExecutor(db), INLINE_PROJECTORS);
      db.exec('BEGIN IMMEDIATE');
      let answer: Promise<unknown>;
      try {
        answer = daemon.client.addModule(templateId, 'fs').catch((error: unknown) => error);
        await untilItWaitsForTheLock(daemon.process.pid!);
        store.append(stream, store.sql.get<{ seq: number }>('SELECT MAX(seq) AS seq FROM ledger_events WHERE stream_id = ?', stream)!.seq, [
          { type: 'ModuleAdded', data: { name: 'database' } },
        ]);
      } finally {
        db.exec('COMMIT');
      }
      const error = await answer;
      assert.ok(error instanceof ApiError, String(error));
      assert.deepEqual([error.status, error.code], [409, 'CONCURRENCY_CONFLICT'], error.message);
    } finally {
      db.close();
    }
    assert.deepEqual(await daemon.client.listModules(templateId), ['database'], 'only the other writer’s module');
    await daemon.client.addModule(templateId, 'fs');
    assert.deepEqual((await daemon.client.listModules(templateId)).sort(), ['database', 'fs']);
  });
});
