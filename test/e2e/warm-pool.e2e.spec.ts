import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VmSystemClient } from '@vm-system/client';
import { runCli } from '../support/cli';
import { startDaemon } from '../support/daemon';
import { makeTemplate, makeWorktree } from '../support/fixtures';
import { tempDir } from '../support/paths';

/** The daemon's child processes (Linux: /proc/<pid>/task/<tid>/children): its session hosts, serving or warm. */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return []; // the thread ended
    }
  });
}

/** A failure guard, not synchronisation: the condition decides, the deadline only ends a hung test. */
const DEADLINE_MS = 120_000;

/** Asks until `probe` answers something, one real request at a time, paced so the asking does not take the hosts' CPU. */
async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('warm pool under a burst of creates (serve --warm-pool-max)', () => {
  test('a burst of creates all succeed; the pool grows to its bound and never holds more', async () => {
    const max = 3;
    const burst = 8;
    const daemon = await startDaemon({ extraArgs: ['--warm-pool-max', String(max)] });
    try {
      const pid = daemon.process.pid!;
      const client: VmSystemClient = daemon.client;
      const templateId = await makeTemplate(client);
      const worktree = makeWorktree();
      let most = 0;
      const watch = setInterval(() => (most = Math.max(most, childrenOf(pid).length)), 5);
      const sessions = await Promise.all(
        Array.from({ length: burst }, () => client.createSession({ template_id: templateId, workspace_id: 'ws-burst', base_commit_oid: 'abc', worktree_path: worktree })),
      );
      assert.deepEqual(
        sessions.map((s) => s.status),
        Array(burst).fill('ready'),
      );
      // More creates came than the pool held: it refills up to its bound, not past it.
      const settled = await until(async () => {
        const summary = await client.runtimeSummary();
        return summary.warm_hosts === max && childrenOf(pid).length === burst + max ? summary : undefined;
      }, `${max} warm hosts beside ${burst} sessions`);
      clearInterval(watch);
      assert.equal(settled.active_sessions, burst);
      assert.ok(most <= burst + max, `at most ${burst} sessions + ${max} warm hosts at any time, saw ${most} host processes`);
      const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
      assert.match(metrics, new RegExp(`vm_system_session_hosts\\{state="warm"\\} ${max}\\b`));
      for (const session of sessions) await client.closeSession(session.id);
    } finally {
      await daemon.stop();
    }
  });

  test('--warm-pool-max 0: no host waits, every create forks its own', async () => {
    const daemon = await startDaemon({ env: { VM_SYSTEM_WARM_POOL_MAX: '0' } });
    try {
      const session = await daemon.client.createSession({
        template_id: await makeTemplate(daemon.client),
        workspace_id: 'ws',
        base_commit_oid: 'abc',
        worktree_path: makeWorktree(),
      });
      assert.equal(session.status, 'ready');
      const summary = await daemon.client.runtimeSummary();
      assert.equal(summary.warm_hosts, 0);
      assert.deepEqual(childrenOf(daemon.process.pid!).length, 1);
    } finally {
      await daemon.stop();
    }
  });

  test('a bad --warm-pool-max, or VM_SYSTEM_WARM_POOL_MAX, is a usage error (exit 2), and nothing starts', async () => {
    const db = join(tempDir(), 'vm-system.db');
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--warm-pool-max', 'many'], {}, /^Error: VALIDATION_ERROR: --warm-pool-max must be a whole number from 0 to 256, got many\n$/],
      [['--warm-pool-max', '257'], {}, /^Error: VALIDATION_ERROR: --warm-pool-max must be a whole number from 0 to 256, got 257\n$/],
      [['--warm-pool-max', '1.5'], {}, /--warm-pool-max must be a whole number from 0 to 256, got 1\.5\n$/],
      [[], { VM_SYSTEM_WARM_POOL_MAX: 'x' }, /^Error: VALIDATION_ERROR: VM_SYSTEM_WARM_POOL_MAX \(--warm-pool-max\) must be a whole number from 0 to 256, got x\n$/],
    ];
    const results = await Promise.all(cases.map(([flags, env]) => runCli(['serve', '--db', db, '--listen', '127.0.0.1:0', ...flags], { env })));
    results.forEach((result, i) => {
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, cases[i][2]);
      assert.equal(result.stdout, '');
    });
  });
});
