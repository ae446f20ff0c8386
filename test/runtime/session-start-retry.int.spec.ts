import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HostDiedWhileStartingError, SessionSupervisor, type StartObserver } from '@vm-system/runtime';
import { livingChildren } from '../reliability/host-processes';
import { makeSpec, repl, valueOf } from './support/fixtures';

/**
 * Records what the supervisor reports while starting, and kills with SIGKILL the first `kills`
 * hosts taken for a start, at the moment they are taken: the host the session is starting on,
 * not a random one, and with no timing involved.
 */
class KillingObserver implements StartObserver {
  readonly taken: number[] = [];
  readonly retried: Error[] = [];

  constructor(private readonly kills: number) {}

  hostTaken(_sessionId: string, pid: number | undefined): void {
    assert.equal(typeof pid, 'number', 'a taken host has a pid');
    this.taken.push(pid as number);
    if (this.taken.length <= this.kills) process.kill(pid as number, 'SIGKILL');
  }

  startRetried(_sessionId: string, error: Error): void {
    this.retried.push(error);
  }
}

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function withSupervisor<T>(warmPoolMax: number, observer: StartObserver, body: (supervisor: SessionSupervisor) => Promise<T>): Promise<T> {
  const supervisor = new SessionSupervisor({ warmPoolMax, observer });
  try {
    return await body(supervisor);
  } finally {
    await supervisor.shutdown();
  }
}

describe('session start retried on another host', () => {
  for (const [hosts, warmPoolMax] of [
    ['warm', 2],
    ['fresh', 0],
  ] as const) {
    test(`a ${hosts} host killed as the session starts on it: the start succeeds on another ${hosts} host`, async () => {
      const observer = new KillingObserver(1);
      await withSupervisor(warmPoolMax, observer, async (supervisor) => {
        const session = await supervisor.start(makeSpec());
        assert.equal(observer.taken.length, 2, 'a second host was taken');
        const [killed, second] = observer.taken;
        assert.notEqual(second, killed);
        assert.equal(session.pid, second, 'the session runs on the second host');
        assert.ok(isGone(killed), 'the killed host is gone');
        assert.equal(observer.retried.length, 1);
        assert.ok(observer.retried[0] instanceof HostDiedWhileStartingError);
        assert.equal(observer.retried[0].message, 'Session host died while starting: killed by SIGKILL');
        assert.equal(valueOf(await repl(session, 'let n = 40; n + 2')).json, 42);
        assert.equal(valueOf(await repl(session, 'n')).json, 40);
        assert.deepEqual(supervisor.activeSessionIds(), [session.id]);
        await session.close();
      });
    });
  }

  test('both hosts killed as the session starts: the start fails as a host death, and no host is left', async () => {
    const observer = new KillingObserver(2);
    await withSupervisor(0, observer, async (supervisor) => {
      const spec = makeSpec();
      const error = await supervisor.start(spec).then(
        () => assert.fail('the start should have failed'),
        (err: unknown) => err,
      );
      assert.ok(error instanceof HostDiedWhileStartingError, String(error));
      assert.equal(error.message, 'Session host died while starting: killed by SIGKILL');
      assert.equal(observer.taken.length, 2, 'tried twice, no more');
      assert.equal(observer.retried.length, 1);
      for (const pid of observer.taken) assert.ok(isGone(pid), `host ${pid} is gone`);
      assert.deepEqual(livingChildren(process.pid), [], 'no host process is left running');
      assert.equal(supervisor.get(spec.sessionId), undefined);
      assert.deepEqual(supervisor.activeSessionIds(), []);
      // Nothing of the failed start is held: the same session starts once a host survives.
      const session = await supervisor.start(spec);
      assert.equal(valueOf(await repl(session, '1 + 1')).json, 2);
      await session.close();
    });
  });

  test("the session's own start failure (a library that throws while loading) is not retried", async () => {
    const observer = new KillingObserver(0);
    await withSupervisor(1, observer, async (supervisor) => {
      const broken = { id: 'broken-1.0.0', global: 'broken', code: 'throw new Error("broken bundle")' };
      const error = await supervisor.start({ ...makeSpec(), libraries: [broken] }).then(
        () => assert.fail('the start should have failed'),
        (err: unknown) => err,
      );
      assert.ok(error instanceof Error && !(error instanceof HostDiedWhileStartingError), String(error));
      assert.match(error.message, /^Session failed to start: .*broken bundle/);
      assert.equal(observer.taken.length, 1, 'one host only');
      assert.deepEqual(observer.retried, []);
      assert.ok(isGone(observer.taken[0]), 'the failed host was killed');
    });
  });
});
