import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { startDaemon } from '../support/daemon';
import { waitFor } from '../support/fixtures';

/** The launcher's children (Linux: /proc/<pid>/task/<pid>/children) and their command lines. */
function childrenOf(pid: number): { pid: number; argv: string[] }[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return children.map((child) => ({ pid: child, argv: readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean) }));
}

/** Exited: no such process, or a zombie waiting to be reaped. */
function isGone(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * `vm-system serve` started by its shebang (`#!/usr/bin/env node`, no flag): the launcher
 * re-runs Node with --no-node-snapshot for the daemon and stays in front of it.
 */
describe('the launcher in front of serve', () => {
  test('re-runs the daemon with --no-node-snapshot, relays SIGTERM and its exit code', async (t) => {
    const daemon = await startDaemon({ viaLauncher: true });
    t.after(() => daemon.stop());
    const [child, ...others] = childrenOf(daemon.process.pid!);
    assert.deepEqual(others, []);
    assert.ok(child.argv.includes('--no-node-snapshot'), child.argv.join(' '));
    assert.equal((await daemon.client.health()).status, 'ok');
    assert.equal(await daemon.stop(), 0, 'the graceful exit of the daemon is the launcher exit code');
    // The launcher exits with its child: by then the daemon is gone (ESRCH) or a zombie.
    assert.ok(isGone(child.pid), `daemon ${child.pid} still runs`);
  });

  test('a SIGKILL of the launcher takes the daemon down too: no orphan keeps the database', async (t) => {
    const daemon = await startDaemon({ viaLauncher: true });
    t.after(() => daemon.kill());
    await daemon.kill();
    // Each round is a real request: the daemon answers until it has gone.
    await waitFor(
      () =>
        daemon.client.health().then(
          () => undefined,
          () => true,
        ),
      'the daemon to go',
    );
    const second = await startDaemon({ dbFile: daemon.dbFile });
    t.after(() => second.stop());
    assert.equal((await second.client.health()).status, 'ok');
    assert.equal(await second.stop(), 0);
  });
});
