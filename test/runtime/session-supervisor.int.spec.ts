import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SessionSupervisor } from '@vm-system/runtime';
import { makeSpec, repl, valueOf } from './support/fixtures';

describe('session supervisor', () => {
  let supervisor: SessionSupervisor;

  before(() => {
    supervisor = new SessionSupervisor({ warmPoolMax: 2 });
  });

  after(() => supervisor.shutdown());

  test('active sessions are listed sorted and found by id', async () => {
    const suffix = randomUUID();
    const ids = [`c-${suffix}`, `a-${suffix}`, `b-${suffix}`];
    const sessions = await Promise.all(ids.map((id) => supervisor.start(makeSpec({ id }))));
    const listed = supervisor.activeSessionIds().filter((id) => id.endsWith(suffix));
    assert.deepEqual(listed, [...ids].sort());
    assert.equal(supervisor.get(ids[0]), sessions[0]);
    assert.equal(supervisor.get('unknown'), undefined);
    await Promise.all(sessions.map((s) => s.close()));
    assert.deepEqual(
      supervisor.activeSessionIds().filter((id) => id.endsWith(suffix)),
      [],
    );
  });

  test('a session id can only run once at a time', async () => {
    const spec = makeSpec();
    const session = await supervisor.start(spec);
    await assert.rejects(supervisor.start(spec), /already running/);
    await session.close();
    const again = await supervisor.start(spec);
    assert.equal(valueOf(await repl(again, '1')).json, 1);
    await again.close();
  });

  test('close kills the host; running afterwards is refused', async () => {
    const session = await supervisor.start(makeSpec());
    const pid = session.pid;
    assert.equal(typeof pid, 'number');
    await session.close();
    assert.throws(() => process.kill(pid as number, 0), /ESRCH/, 'the host process is gone');
    assert.equal(supervisor.get(session.id), undefined);
    await assert.rejects(repl(session, '1'), /closed/);
    await session.close(); // closing twice is harmless
  });

  test('a close during a replay ends the replay at once, saying so', async () => {
    const session = await supervisor.start(makeSpec({ limits: { cpu_ms: 5000, wall_ms: 10_000 } }));
    // A replay the host would spend seconds on: the close must not wait for it, nor for its timeout.
    const item = {
      executionId: 'e1',
      req: { kind: 'repl' as const, code: 'for (const t = Date.now(); Date.now() - t < 4000;) {}' },
      budget: { eventsUsed: 1, bytesUsed: 0 },
      expected: [],
    };
    const replayed = assert.rejects(session.replay([item], true, 20_000), /closed during its replay/);
    await session.close();
    await replayed;
  });

  test('a host killed from outside is reported through onLost', async () => {
    const session = await supervisor.start(makeSpec());
    const lost = new Promise<string>((resolve) => session.onLost(resolve));
    process.kill(session.pid as number, 'SIGKILL');
    assert.match(await lost, /killed by SIGKILL/);
    assert.ok(!supervisor.activeSessionIds().includes(session.id));
  });

  test('a second concurrent run on one session is refused as busy', async () => {
    const session = await supervisor.start(makeSpec({ limits: { cpu_ms: 300 } }));
    const first = repl(session, 'for (;;) {}');
    await assert.rejects(repl(session, '1'), /busy/);
    assert.equal((await first).outcome.status, 'timeout');
    assert.equal(valueOf(await repl(session, '2')).json, 2);
    await session.close();
  });

  test('a throwing sink does not break the run', async () => {
    const session = await supervisor.start(makeSpec());
    const outcome = await session.run({ kind: 'repl', code: 'console.log(1); 2' }, { eventsUsed: 1, bytesUsed: 0 }, () => {
      throw new Error('sink failure');
    });
    assert.equal(outcome.status, 'ok');
    assert.equal(valueOf(await repl(session, '3')).json, 3);
    await session.close();
  });

  test('tampering with built-ins in one session is invisible in another', async () => {
    const [tampered, clean] = await Promise.all([supervisor.start(makeSpec()), supervisor.start(makeSpec())]);
    valueOf(await repl(tampered, 'Object.prototype.polluted = "yes"; Array.prototype.map = null; JSON.stringify = () => "hacked"'));
    assert.equal(valueOf(await repl(tampered, '({}).polluted')).json, 'yes');
    assert.equal(valueOf(await repl(clean, 'typeof ({}).polluted')).json, 'undefined');
    assert.deepEqual(valueOf(await repl(clean, '[1, 2].map((x) => x * 2)')).json, [2, 4]);
    // The tampered session's own runtime keeps working: its intrinsics were captured at bootstrap.
    const own = await repl(tampered, 'console.log({ a: [1] }); ({ b: 2 })');
    assert.equal(own.events[0].type, 'console');
    assert.deepEqual(valueOf(own).json, { b: 2 });
    await Promise.all([tampered.close(), clean.close()]);
  });

  test('shutdown stops every session and refuses new ones', async () => {
    const own = new SessionSupervisor({ warmPoolMax: 1 });
    const sessions = await Promise.all([own.start(makeSpec()), own.start(makeSpec())]);
    const pids = sessions.map((s) => s.pid as number);
    await own.shutdown();
    assert.deepEqual(own.activeSessionIds(), []);
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), /ESRCH/);
    await assert.rejects(own.start(makeSpec()), /shut down/);
  });
});
