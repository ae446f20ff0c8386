import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { makeTemplate, makeWorktree } from '../../test/support/fixtures';
import type { TestDaemon } from '../../test/support/daemon';
import { BenchContext, log, warmPoolFull } from '../lib/context';
import { childPids, rssMb } from '../lib/proc';
import { Row } from '../lib/report';
import { Scenario } from '../lib/scenario';
import { latencyFigure, median, now, valueFigure } from '../lib/stats';

/** The daemon's bound: as many warm hosts as the largest burst, as the floor has children. */
const WARM_POOL_MAX = 20;

/** A bare child as our hosts are forked, isolated-vm loaded; resolves once it says so. */
async function floorChild(): Promise<ChildProcess> {
  const child = fork(join(__dirname, '..', 'lib', 'create-floor-child.js'), [], {
    execArgv: ['--no-node-snapshot'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`floor child exited ${code}`)));
  });
  return child;
}

function floorCreate(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('message', () => resolve());
    child.send('create');
  });
}

/** Milliseconds from `start` to each call's end, the calls all at once or one after the other. */
async function timed<T>(count: number, together: boolean, call: (i: number) => Promise<T>): Promise<{ ms: number[]; results: T[] }> {
  const ms: number[] = [];
  const results: T[] = [];
  if (together) {
    const start = now();
    results.push(
      ...(await Promise.all(
        Array.from({ length: count }, (_, i) =>
          call(i).then((result) => {
            ms.push(now() - start);
            return result;
          }),
        ),
      )),
    );
  } else {
    for (let i = 0; i < count; i++) {
      const start = now();
      results.push(await call(i));
      ms.push(now() - start);
    }
  }
  return { ms, results };
}

/**
 * Bursts of session creates, all at once and back to back, on a daemon of its own with
 * `--warm-pool-max 20`. An untimed burst first shows the pool the burst's size; before each
 * timed one the pool is left to refill, as between a user's bursts.
 */
export const sessionBurst: Scenario = {
  name: 'session-burst',
  async run(ctx: BenchContext) {
    const daemon: TestDaemon = await ctx.startDaemon(['--warm-pool-max', String(WARM_POOL_MAX)]);
    const rounds = ctx.quick ? 3 : 5;
    const templateId = await makeTemplate(daemon.client);
    const worktree = makeWorktree();
    const create = () => daemon.client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree });
    const closeAll = (ids: string[]) => Promise.all(ids.map((id) => daemon.client.closeSession(id)));

    const cases = [
      { count: 5, together: true, metric: 'burst of 5 at once' },
      { count: 5, together: false, metric: '5 back to back' },
      { count: 20, together: true, metric: 'burst of 20 at once' },
      { count: 20, together: false, metric: '20 back to back' },
    ];
    const rows: Row[] = [];
    let waitingRss: number[] = [];
    let floorRss: number[] = [];
    for (const c of cases) {
      log(`Session create, ${c.metric}: ${rounds} rounds…`);
      await closeAll((await timed(c.count, c.together, create)).results.map((s) => s.id));
      const ours: number[][] = [];
      const floor: number[][] = [];
      for (let r = 0; r < rounds; r++) {
        await warmPoolFull(daemon.client, c.count);
        if (c.count === WARM_POOL_MAX && r === 0) waitingRss = childPids(daemon.process.pid!).map(rssMb);
        const run = await timed(c.count, c.together, create);
        ours.push(run.ms);
        await closeAll(run.results.map((s) => s.id));

        const children = await Promise.all(Array.from({ length: c.count }, floorChild));
        if (c.count === WARM_POOL_MAX && r === 0) floorRss = children.map((child) => rssMb(child.pid!));
        floor.push((await timed(c.count, c.together, (i) => floorCreate(children[i]))).ms);
        for (const child of children) child.kill('SIGKILL');
      }
      rows.push({ metric: c.metric, ours: latencyFigure(ours), floor: latencyFigure(floor), target: { kind: 'ratio-max', value: 2 } });
    }
    rows.push({
      metric: `RSS of a warm host waiting in the pool (median of ${waitingRss.length})`,
      ours: valueFigure('MB', [median(waitingRss)]),
      floor: valueFigure('MB', [median(floorRss)]),
      reference: true,
    });
    return {
      name: 'session-burst',
      title: 'session create, bursts',
      floor: `as many bare Node children as the burst has creates, forked with our hosts' options and isolated-vm loaded before the clock starts (an ideal pool that always holds the burst), each building one isolate and one context and running \`1 + 1\` on request; ours: empty template, a daemon with \`--warm-pool-max ${WARM_POOL_MAX}\` that saw the burst's size once before; latency from the burst's start to each create's answer`,
      rows,
    };
  },
};
