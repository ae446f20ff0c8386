import { fork, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { makeTemplate, makeWorktree } from '../../test/support/fixtures';
import { BenchContext, log, warmPoolFull } from '../lib/context';
import { rssMb, treeRssMb } from '../lib/proc';
import { Scenario } from '../lib/scenario';
import { median, valueFigure } from '../lib/stats';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A bare child holding one isolate, forked with the options our supervisor uses; answers its RSS. */
async function bareIsolateChildRss(): Promise<number> {
  const child: ChildProcess = fork(join(__dirname, '..', 'lib', 'isolate-child.js'), [], {
    execArgv: ['--no-node-snapshot'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`isolate child exited ${code}`)));
  });
  const rss = rssMb(child.pid!);
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
  return rss;
}

/**
 * 100 idle sessions (20 with --quick) on a daemon of their own: the growth of the daemon's RSS
 * plus every host's, per session. Before and after, the warm pool holds its two hosts, so they
 * cancel out.
 */
export const idleSessions: Scenario = {
  name: 'idle',
  async run(ctx: BenchContext) {
    const count = ctx.quick ? 20 : 100;
    const rounds = ctx.quick ? 1 : 2;
    const perSession: number[] = [];
    const hostRss: number[] = [];
    const daemonGrowth: number[] = [];
    const perSessionAfterRun: number[] = [];
    for (let r = 0; r < rounds; r++) {
      log(`${count} idle sessions, round ${r + 1}/${rounds}…`);
      const daemon = await ctx.startDaemon();
      const pid = daemon.process.pid!;
      const templateId = await makeTemplate(daemon.client);
      const worktree = makeWorktree();
      // One session first, so the daemon's one-time costs (JIT of the create path) are not
      // charged to sessions; then wait for the pool to be full again.
      const warmup = await daemon.client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree });
      await daemon.client.closeSession(warmup.id);
      await warmPoolFull(daemon.client);
      const before = treeRssMb(pid);
      const sessions: string[] = [];
      for (let i = 0; i < count; i++) {
        sessions.push((await daemon.client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree })).id);
      }
      await warmPoolFull(daemon.client);
      const after = treeRssMb(pid);
      const total = after.self + sum(after.children) - (before.self + sum(before.children));
      perSession.push(total / count);
      daemonGrowth.push((after.self - before.self) / count);
      hostRss.push(median(after.children));
      // The same sessions once each has run something (acorn, the REPL path, a first compile).
      for (const id of sessions) await daemon.client.repl(id, '1+1');
      const ran = treeRssMb(pid);
      perSessionAfterRun.push((ran.self + sum(ran.children) - (before.self + sum(before.children))) / count);
      for (const id of sessions) await daemon.client.closeSession(id);
      await daemon.stop();
    }
    const floor: number[] = [];
    for (let i = 0; i < 5; i++) floor.push(await bareIsolateChildRss());
    const floorFigure = valueFigure('MB', floor);
    return {
      name: 'idle',
      title: `${count} idle sessions`,
      floor: 'a bare Node child, forked with the same options as our hosts, holding one isolate and one context',
      rows: [
        { metric: 'RSS per session (daemon + hosts), never ran', ours: valueFigure('MB', perSession), floor: floorFigure, target: { kind: 'max', value: 55 } },
        { metric: 'RSS per session (daemon + hosts), after one `1+1` each', ours: valueFigure('MB', perSessionAfterRun), floor: floorFigure, target: { kind: 'max', value: 55 } },
        { metric: 'RSS of one session host (median)', ours: valueFigure('MB', hostRss), floor: floorFigure },
        { metric: 'daemon RSS growth per session', ours: valueFigure('MB', daemonGrowth) },
      ],
    };
  },
};
