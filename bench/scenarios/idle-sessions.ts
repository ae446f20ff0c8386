import { fork, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { makeTemplate, makeWorktree } from '../../test/support/fixtures';
import { BenchContext, log, warmPoolFull } from '../lib/context';
import { childPids, rssMb, startTicks } from '../lib/proc';
import { Scenario } from '../lib/scenario';
import { median, valueFigure } from '../lib/stats';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Forks a bare child holding one isolate, with the options our supervisor uses; resolves once it is ready. */
async function bareIsolateChild(): Promise<ChildProcess> {
  const child: ChildProcess = fork(join(__dirname, '..', 'lib', 'isolate-child.js'), [], {
    execArgv: ['--no-node-snapshot'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`isolate child exited ${code}`)));
  });
  return child;
}

/**
 * How long sessions sit untouched before "idle" is measured. V8's memory reducer shrinks an
 * idle process's heap after ~8 s (a session host: 55.4 → 51.6 MB, measured every 3 s), so a
 * figure taken right after the creates describes sessions that are not idle yet.
 */
const IDLE_MS = 12_000;
const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_MS));

/**
 * The daemon's children that host sessions: all but the warm pool's, which are the last
 * ones forked (a session takes the oldest waiting host). After a run of creates the pool
 * grows for the next burst, so its size is read from the daemon, once no host is loading.
 */
async function sessionHosts(client: { runtimeSummary(): Promise<{ warm_hosts: number }> }, daemonPid: number, count: number): Promise<number[]> {
  await warmPoolFull(client);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const warm = (await client.runtimeSummary()).warm_hosts;
    const children = childPids(daemonPid).sort((a, b) => startTicks(a) - startTicks(b));
    if (children.length - warm === count) return children.slice(0, children.length - warm);
    if (Date.now() > deadline) throw new Error(`expected ${count} session hosts, found ${children.length} children with ${warm} warm`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * N idle sessions (100, 20 with --quick) on a daemon of their own: the daemon's growth plus
 * the session hosts' RSS, per session; the warm pool's hosts are left out.
 */
export const idleSessions: Scenario = {
  name: 'idle',
  async run(ctx: BenchContext) {
    const count = ctx.quick ? 20 : 100;
    const rounds = ctx.quick ? 1 : 2;
    const fresh: number[] = [];
    const idleRss: number[] = [];
    const idleAfterRun: number[] = [];
    const hostRss: number[] = [];
    const daemonGrowth: number[] = [];
    const floorFresh: number[] = [];
    const floorIdle: number[] = [];
    for (let r = 0; r < rounds; r++) {
      log(`${count} idle sessions, round ${r + 1}/${rounds} (${IDLE_MS / 1000} s idle before each measurement)…`);
      const daemon = await ctx.startDaemon();
      const pid = daemon.process.pid!;
      const templateId = await makeTemplate(daemon.client);
      const worktree = makeWorktree();
      // One session first, so the daemon's one-time costs (JIT of the create path) are not
      // charged to sessions; then wait for the pool to be full again.
      const warmup = await daemon.client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree });
      await daemon.client.closeSession(warmup.id);
      await warmPoolFull(daemon.client);
      const daemonBefore = rssMb(pid);
      const sessions: string[] = [];
      for (let i = 0; i < count; i++) {
        sessions.push((await daemon.client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree })).id);
      }
      const hosts = await sessionHosts(daemon.client, pid, count);
      const perSession = () => (rssMb(pid) - daemonBefore + sum(hosts.map(rssMb))) / count;
      fresh.push(perSession());
      // The floor's children sit idle alongside ours.
      const children = await Promise.all(Array.from({ length: 5 }, bareIsolateChild));
      floorFresh.push(median(children.map((c) => rssMb(c.pid!))));
      await idle();
      idleRss.push(perSession());
      hostRss.push(median(hosts.map(rssMb)));
      daemonGrowth.push((rssMb(pid) - daemonBefore) / count);
      floorIdle.push(median(children.map((c) => rssMb(c.pid!))));
      for (const child of children) child.kill('SIGKILL');
      // The same sessions once each has run something (acorn, the REPL path, a first compile).
      for (const id of sessions) await daemon.client.repl(id, '1+1');
      await idle();
      idleAfterRun.push(perSession());
      for (const id of sessions) await daemon.client.closeSession(id);
      await daemon.stop();
    }
    const floor = valueFigure('MB', floorIdle);
    return {
      name: 'idle',
      title: `${count} idle sessions`,
      floor: 'bare Node children, forked with the same options as our hosts, each holding one isolate and one context, idle as long as ours (median of 5)',
      rows: [
        { metric: `RSS per session (daemon + host), idle ${IDLE_MS / 1000} s`, ours: valueFigure('MB', idleRss), floor, target: { kind: 'max', value: 55 } },
        { metric: `the same after one \`1+1\` each, idle ${IDLE_MS / 1000} s`, ours: valueFigure('MB', idleAfterRun), floor, target: { kind: 'max', value: 55 } },
        { metric: 'RSS per session right after the creates (for reference)', ours: valueFigure('MB', fresh), floor: valueFigure('MB', floorFresh), reference: true },
        { metric: `RSS of one session host, idle (median)`, ours: valueFigure('MB', hostRss), floor },
        { metric: 'daemon RSS growth per session', ours: valueFigure('MB', daemonGrowth) },
      ],
    };
  },
};
