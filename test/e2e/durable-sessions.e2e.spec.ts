import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Session, SettingsPatch, VmSystemClient } from '@vm-system/client';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, waitFor } from '../support/fixtures';
import { plainRequest } from '../support/http';
import { ISO_TIMESTAMP } from '../support/assertions';

// Durable sessions end to end (contract: durable-sessions.md): the real daemon, the real
// CLI, a real SQLite file. Each case defines a global before the event under test and reads
// it after: the session's state is what replaying its history produces.

const ROOMY = { limits: { cpu_ms: 60_000, wall_ms: 60_000 } };

/** The value of a REPL input that must end `ok`. */
async function value(client: VmSystemClient, sessionId: string, input: string): Promise<unknown> {
  const run = await client.repl(sessionId, input);
  assert.equal(run.status, 'ok', `${input}: ${JSON.stringify(run.error ?? run.events)}`);
  return run.result?.json;
}

async function sessionEvents(client: VmSystemClient, sessionId: string) {
  return client.ledgerStream(`session-${sessionId}`);
}

function json<T = any>(result: { code: number | null; stdout: string; stderr: string }, what: string): T {
  assert.equal(result.code, 0, `${what}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

describe('durable sessions on one daemon', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });

  test('wall_ms on a never-settling promise: timeout, the session stays ready with its state, restored once', async () => {
    const session = await makeSession(daemon.client, { settings: { limits: { cpu_ms: 60_000, wall_ms: 1500 } } });
    await value(daemon.client, session.id, 'let keep = 41');
    const stuck = await daemon.client.repl(session.id, 'await new Promise(() => {})');
    assert.equal(stuck.status, 'timeout');
    assert.deepEqual(
      stuck.events.map((e) => [e.type, e.payload]).at(-1),
      ['system', { level: 'error', message: 'Execution exceeded 1500 ms of wall time (wall_ms); its host was stopped' }],
      'a system event says why',
    );
    const view = await daemon.client.getSession(session.id);
    assert.equal(view.status, 'ready');
    assert.equal(await value(daemon.client, session.id, 'keep'), 41);
    assert.equal((await daemon.client.getSession(session.id)).restores, 1);
    const restored = (await sessionEvents(daemon.client, session.id)).filter((e) => e.type === 'SessionRestored');
    assert.equal(restored.length, 1);
    assert.equal((restored[0].data as any).reason, 'timeout');
    assert.deepEqual((restored[0].data as any).skipped, [stuck.id]);
  });

  test('cpu_ms on a plain loop: timeout, the session stays ready with its state', async () => {
    const session = await makeSession(daemon.client, { settings: { limits: { cpu_ms: 500, wall_ms: 60_000 } } });
    await value(daemon.client, session.id, 'let keep = 41');
    const loop = await daemon.client.repl(session.id, 'while (true) {}');
    assert.equal(loop.status, 'timeout');
    assert.equal((await daemon.client.getSession(session.id)).status, 'ready');
    assert.equal(await value(daemon.client, session.id, 'keep'), 41);
  });

  test('cancel a running loop (CLI): cancelled, state intact; a second cancel is 409 EXECUTION_NOT_RUNNING', async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    await value(daemon.client, session.id, 'let keep = 41');
    const running = await daemon.client.startRepl(session.id, 'keep = 0; while (true) {}');
    assert.equal(running.status, 'running');
    const cancelled = json(await daemon.cli('exec', 'cancel', running.id, '--output', 'json'), 'exec cancel');
    assert.equal(cancelled.status, 'cancelled');
    const events = await daemon.client.executionEvents(running.id);
    assert.deepEqual(events.at(-1)?.payload, { level: 'error', message: 'Execution cancelled' });
    assert.equal((await daemon.client.getExecution(running.id)).status, 'cancelled');
    assert.equal((await daemon.client.getSession(session.id)).status, 'ready');
    assert.equal(await value(daemon.client, session.id, 'keep'), 41, 'the partial `keep = 0` was dropped');
    const restored = (await sessionEvents(daemon.client, session.id)).filter((e) => e.type === 'SessionRestored');
    assert.deepEqual(
      restored.map((e) => (e.data as any).reason),
      ['cancel'],
    );
    const again = await plainRequest(daemon.url, 'POST', `/executions/${running.id}/cancel`);
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'EXECUTION_NOT_RUNNING');
    const cliAgain = await daemon.cli('exec', 'cancel', running.id);
    assert.equal(cliAgain.code, 1);
    assert.match(cliAgain.stderr, /^Error: EXECUTION_NOT_RUNNING: /);
  });

  test('cancel a never-settling promise (HTTP): 200 cancelled, state intact', async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    await value(daemon.client, session.id, 'let keep = 41');
    const running = await daemon.client.startRepl(session.id, 'await new Promise(() => {})');
    const answer = await plainRequest(daemon.url, 'POST', `/executions/${running.id}/cancel`);
    assert.equal(answer.status, 200);
    assert.equal(answer.json.status, 'cancelled');
    assert.equal((await daemon.client.getSession(session.id)).status, 'ready');
    assert.equal(await value(daemon.client, session.id, 'keep'), 41);
  });

  test("a suspend right after a cancel stands: the cancel's restore does not undo it", async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    await value(daemon.client, session.id, 'let keep = 41');
    const running = await daemon.client.startRepl(session.id, 'while (true) {}');
    await daemon.client.cancelExecution(running.id);
    assert.equal((await daemon.client.suspendSession(session.id)).status, 'suspended');
    // The next REPL waits for any restore under way, so the stream is complete once it answers.
    assert.equal(await value(daemon.client, session.id, 'keep'), 41);
    const events = await sessionEvents(daemon.client, session.id);
    const afterSuspend = events.slice(events.findIndex((e) => e.type === 'SessionSuspended'));
    const restores = afterSuspend.filter((e) => e.type === 'SessionRestored').map((e) => (e.data as any).reason);
    assert.deepEqual(restores, ['resume'], JSON.stringify(afterSuspend.map((e) => e.type)));
  });

  test('suspend (CLI): listed as suspended; the next REPL resumes it with its state and SessionRestored on the stream', async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    await value(daemon.client, session.id, 'let keep = 41');
    const suspended = json<Session>(await daemon.cli('session', 'suspend', session.id, '--output', 'json'), 'session suspend');
    assert.equal(suspended.status, 'suspended');
    assert.equal((await daemon.client.getSession(session.id)).status, 'suspended');
    assert.ok((await daemon.client.listSessions('suspended')).some((s) => s.id === session.id));
    assert.ok(!(await daemon.client.listSessions('ready')).some((s) => s.id === session.id));
    assert.equal(await value(daemon.client, session.id, 'keep'), 41);
    const view = await daemon.client.getSession(session.id);
    assert.equal(view.status, 'ready');
    assert.equal(view.restores, 1);
    assert.match(view.restored_at!, ISO_TIMESTAMP);
    const types = (await sessionEvents(daemon.client, session.id)).map((e) => e.type);
    assert.ok(types.includes('SessionSuspended'), types.join());
    assert.ok(types.indexOf('SessionRestored') > types.indexOf('SessionSuspended'), types.join());
  });

  test('Date.now(), new Date() and Math.random() read the same after suspend and resume', async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    await value(daemon.client, session.id, 'globalThis.a = Date.now(); globalThis.b = Math.random(); const d = new Date(); 0');
    const before = await value(daemon.client, session.id, '[a, b, d.getTime()]');
    assert.equal(json<Session>(await daemon.cli('session', 'suspend', session.id, '--output', 'json'), 'suspend').status, 'suspended');
    assert.equal(json<Session>(await daemon.cli('session', 'resume', session.id, '--output', 'json'), 'resume').status, 'ready');
    assert.equal((await daemon.client.getSession(session.id)).status, 'ready');
    assert.deepEqual(await value(daemon.client, session.id, '[a, b, d.getTime()]'), before);
    assert.equal((await daemon.client.getSession(session.id)).restores, 1);
  });

  test('fs: a write is not repeated on resume, and a read answers what it answered the first time', async () => {
    const templateId = await makeTemplate(daemon.client, ROOMY);
    await daemon.client.addModule(templateId, 'fs');
    const session = await makeSession(daemon.client, { templateId, files: { 'in.txt': 'v1' } });
    await value(daemon.client, session.id, 'require("fs").writeFileSync("out.txt", "x")');
    assert.equal(readFileSync(join(session.worktree, 'out.txt'), 'utf8'), 'x');
    rmSync(join(session.worktree, 'out.txt'));
    await value(daemon.client, session.id, 'globalThis.first = require("fs").readFileSync("in.txt"); first');
    writeFileSync(join(session.worktree, 'in.txt'), 'v2');
    await daemon.client.suspendSession(session.id);
    assert.equal((await daemon.client.resumeSession(session.id)).status, 'ready');
    assert.equal((await daemon.client.getSession(session.id)).restores, 1);
    assert.equal(await value(daemon.client, session.id, '1'), 1);
    assert.ok(!existsSync(join(session.worktree, 'out.txt')), 'the write was not repeated');
    assert.equal(await value(daemon.client, session.id, 'first'), 'v1');
    // after the restore the guest reads live again
    assert.equal(await value(daemon.client, session.id, 'require("fs").readFileSync("in.txt")'), 'v2');
  });

  test('run-file whose file changed on disk still restores; exec source prints the text that ran', async () => {
    const original = 'globalThis.fromFile = "first";\n';
    const session = await makeSession(daemon.client, { settings: ROOMY, files: { 'scripts/set.js': original } });
    const run = await daemon.client.runFile(session.id, 'scripts/set.js');
    assert.equal(run.status, 'ok', JSON.stringify(run.error ?? run.events));
    writeFileSync(join(session.worktree, 'scripts/set.js'), 'globalThis.fromFile = "second";\n');
    await daemon.client.suspendSession(session.id);
    assert.equal((await daemon.client.resumeSession(session.id)).status, 'ready');
    assert.equal((await daemon.client.getSession(session.id)).restores, 1);
    assert.equal(await value(daemon.client, session.id, 'fromFile'), 'first');
    const source = await daemon.cli('exec', 'source', run.id);
    assert.equal(source.code, 0, source.stderr);
    assert.equal(source.stdout, original);
    assert.equal(await daemon.client.executionSource(run.id), original);
  });

  test('fork at an execution (CLI) and fork of a closed session', async () => {
    const parent = await makeSession(daemon.client, { settings: ROOMY });
    await value(daemon.client, parent.id, 'var x = 1');
    const second = await daemon.client.repl(parent.id, 'x = 2');
    assert.equal(second.status, 'ok');
    await value(daemon.client, parent.id, 'x = 3');
    const fork = json<Session>(await daemon.cli('session', 'fork', parent.id, '--at', second.id, '--output', 'json'), 'session fork');
    assert.notEqual(fork.id, parent.id);
    assert.equal(await value(daemon.client, fork.id, 'x'), 2);
    assert.deepEqual((await daemon.client.getSession(fork.id)).forked_from, { session_id: parent.id, execution_id: second.id });
    const [started] = await sessionEvents(daemon.client, fork.id);
    assert.equal(started.type, 'SessionStarted');
    assert.deepEqual((started.data as any).forked_from, { session_id: parent.id, execution_id: second.id });
    assert.equal(await value(daemon.client, parent.id, 'x'), 3, 'the parent is untouched');

    await daemon.client.closeSession(parent.id);
    const ofClosed = await daemon.client.forkSession(parent.id);
    assert.equal(ofClosed.status, 'ready');
    assert.equal(await value(daemon.client, ofClosed.id, 'x'), 3);
  });

  test('audit replay of a normal session: verdict same, exit 0, nothing appended', async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    await value(daemon.client, session.id, 'globalThis.t = Date.now(); let keep = 41; console.log(Math.random()); keep');
    await value(daemon.client, session.id, 'keep + 1');
    const head = (await daemon.client.ledgerHead()).position;
    const report = json(await daemon.cli('audit', 'replay', session.id, '--output', 'json'), 'audit replay');
    assert.equal(report.verdict, 'same');
    assert.equal(report.executions.length, 2);
    assert.ok(report.executions.every((e: any) => e.verdict === 'same'));
    assert.equal((await daemon.client.ledgerHead()).position, head);
    const http = await daemon.client.replaySession(session.id);
    assert.equal(http.verdict, 'same');
  });
});

describe('durable sessions across daemon restarts', () => {
  for (const how of ['stop', 'kill'] as const) {
    test(`daemon ${how === 'stop' ? 'stopped (SIGTERM)' : 'killed (SIGKILL)'} and started again: the session is suspended, then resumes with its state`, async (t) => {
      const first = await startDaemon();
      t.after(() => first.stop());
      const session = await makeSession(first.client, { settings: ROOMY });
      await value(first.client, session.id, 'let keep = 41');
      if (how === 'stop') assert.equal(await first.stop(), 0);
      else await first.kill();
      const second = await startDaemon({ dbFile: first.dbFile });
      try {
        assert.equal((await second.client.getSession(session.id)).status, 'suspended');
        assert.ok((await second.client.listSessions('suspended')).some((s) => s.id === session.id));
        assert.equal(await value(second.client, session.id, 'keep'), 41);
        assert.equal((await second.client.getSession(session.id)).status, 'ready');
        const events = await sessionEvents(second.client, session.id);
        const suspended = events.find((e) => e.type === 'SessionSuspended');
        assert.equal((suspended?.data as any)?.reason, 'daemon_restart');
        assert.ok(events.some((e) => e.type === 'SessionRestored'));
      } finally {
        await second.stop();
      }
    });

    test(`an execution running when the daemon is ${how === 'stop' ? 'stopped (SIGTERM)' : 'killed (SIGKILL)'}: lost, not replayed; the session resumes with its state before it`, async (t) => {
      const first = await startDaemon();
      t.after(() => first.stop());
      // a short replay budget: a restore that wrongly replays the endless loop fails fast
      // (the client's SettingsPatch type lacks runtime.max_replay_ms; the daemon's settings route takes it)
      const settings = { ...ROOMY, runtime: { max_replay_ms: 5000 } } as unknown as SettingsPatch;
      const busy = await makeSession(first.client, { settings });
      await value(first.client, busy.id, 'let keep = 41');
      const spin = await first.client.startRepl(busy.id, 'keep = 0; for (;;) {}');
      if (how === 'stop') assert.equal(await first.stop(), 0);
      else await first.kill();
      const second = await startDaemon({ dbFile: first.dbFile });
      try {
        assert.equal((await second.client.getSession(busy.id)).status, 'suspended');
        const lost = await second.client.getExecution(spin.id);
        assert.equal(lost.status, 'error');
        const lostEvents = await second.client.executionEvents(spin.id);
        assert.equal(lostEvents.at(-1)?.type, 'system');
        assert.match(JSON.stringify(lostEvents.at(-1)?.payload), /runtime lost at daemon restart/);
        const resumed = await second.client.repl(busy.id, 'keep').catch((error: Error) => error);
        assert.ok(!(resumed instanceof Error), `resume failed: ${String(resumed)}; session: ${JSON.stringify(await second.client.getSession(busy.id))}`);
        assert.equal(resumed.result?.json, 41);
      } finally {
        await second.stop();
      }
    });
  }

  test('a divergence is reported, never silent: the guest read a daemon env variable that changed across a restart', async (t) => {
    const first = await startDaemon({ env: { VMS_DURABLE_E2E: 'one' } });
    t.after(() => first.stop());
    const templateId = await makeTemplate(first.client, ROOMY);
    await first.client.addCapability(templateId, { kind: 'env', name: 'VMS_DURABLE_E2E' });
    const session = await makeSession(first.client, { templateId });
    const read = await first.client.repl(session.id, 'env.VMS_DURABLE_E2E');
    assert.equal(read.status, 'ok');
    assert.equal(read.result!.json, 'one');
    assert.equal(await first.stop(), 0);
    const second = await startDaemon({ dbFile: first.dbFile, env: { VMS_DURABLE_E2E: 'two' } });
    try {
      const audit = await second.cli('audit', 'replay', session.id, '--output', 'json');
      assert.equal(audit.code, 1, audit.stderr);
      const report = JSON.parse(audit.stdout);
      assert.equal(report.verdict, 'diverged');
      const diverged = report.executions.find((e: any) => e.verdict === 'diverged');
      assert.equal(diverged.execution_id, read.id);
      assert.deepEqual(diverged.first_difference, {
        index: 0,
        expected: { type: 'value', payload: { type: 'string', preview: "'one'", json: 'one' } },
        actual: { type: 'value', payload: { type: 'string', preview: "'two'", json: 'two' } },
      });
      // The resume itself answers 200: what it answers is the session the failed restore left.
      const resumed = await second.client.resumeSession(session.id);
      const view = await second.client.getSession(session.id);
      assert.deepEqual(resumed, view);
      assert.equal(view.status, 'crashed');
      assert.equal(view.last_error, `Restore (resume) failed: execution ${read.id} replayed differently: event 0 differs`);
      const failed = (await sessionEvents(second.client, session.id)).find((e) => e.type === 'SessionRestoreFailed');
      assert.equal((failed?.data as any)?.execution_id, read.id);
    } finally {
      await second.stop();
    }
  });
});

describe('idle suspension', () => {
  test('serve --suspend-idle-after 300ms suspends an idle session; the next REPL resumes it', async () => {
    const daemon = await startDaemon({ extraArgs: ['--suspend-idle-after', '300ms'] });
    try {
      const session = await makeSession(daemon.client, { settings: ROOMY });
      await value(daemon.client, session.id, 'let keep = 41');
      await waitFor(async () => ((await daemon.client.getSession(session.id)).status === 'suspended' ? true : undefined), 'idle suspension', 20_000);
      const suspended = (await sessionEvents(daemon.client, session.id)).filter((e) => e.type === 'SessionSuspended');
      assert.equal((suspended.at(-1)?.data as any)?.reason, 'idle');
      assert.equal(await value(daemon.client, session.id, 'keep'), 41);
    } finally {
      await daemon.stop();
    }
  });
});
