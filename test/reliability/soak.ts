import { ApiError } from '@vm-system/client';
import { startDaemon, TestDaemon } from '../support/daemon';
import { makeWorktree } from '../support/fixtures';
import { tempDir } from '../support/paths';
import { join } from 'node:path';
import { mb, median, ms, nowMs, percent, quantile, slices } from './figures';
import { accountForHosts, describeHostCount } from './host-accounting';
import { livingChildren, ProcessId, rssMb, survivorsAfterExit } from './host-processes';
import { CheckReport, Progress, Scale, silent } from './scale';

export interface SoakShape {
  sessions: number;
  executionsPerSession: number;
  /** Clients sending executions at once; each owns a fixed share of the sessions, so none is ever busy. */
  clients: number;
}

export const SOAK_SHAPES: Record<Scale, SoakShape> = {
  short: { sessions: 5, executionsPerSession: 100, clients: 5 },
  long: { sessions: 50, executionsPerSession: 1000, clients: 8 },
};

/** The issue's criterion: the daemon's RSS after warm-up grows by at most this much. */
export const RSS_GROWTH_LIMIT = 0.1;
/** RSS is sampled this many times over the run. */
const RSS_SAMPLES = 100;

export interface SoakReport extends CheckReport {
  executions: number;
  errors: number;
  elapsedMs: number;
  /** Daemon RSS (MB) in the order sampled, each at the completion of 1% of the executions. */
  rss: number[];
  /** Median RSS over the second tenth of the run (after warm-up) and over the last tenth. */
  rssAfterWarmUp: number;
  rssAtEnd: number;
  rssGrowth: number;
  latencyByTenth: { p50: number; p99: number }[];
  ledgerEvents: number;
}

/**
 * Sessions × executions with console output against one real daemon, every client in step
 * with its answers (no timer). Each answer is checked (status ok, the console line, the value);
 * the daemon's RSS is sampled as the run progresses, the latency taken per execution. At the
 * end every host process is accounted for, the ledger verifies, and after the sessions close
 * and the daemon stops no host outlives it.
 */
export async function runSoak(scale: Scale, progress: Progress = silent, shape: SoakShape = SOAK_SHAPES[scale]): Promise<SoakReport> {
  const daemon = await startDaemon({ dbFile: join(tempDir('vm-system-soak-'), 'vm-system.db') });
  try {
    return await soak(daemon, scale, shape, progress);
  } finally {
    if (daemon.process.exitCode === null && daemon.process.signalCode === null) await daemon.kill();
  }
}

async function soak(daemon: TestDaemon, scale: Scale, shape: SoakShape, progress: Progress): Promise<SoakReport> {
  const { client } = daemon;
  const pid = daemon.process.pid!;
  const failures: string[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const fail = (what: string) => {
    errors += 1;
    if (errorSamples.length < 10) errorSamples.push(what);
  };

  const template = await client.createTemplate({ name: 'soak' });
  const worktree = makeWorktree();
  const sessions: string[] = [];
  for (let i = 0; i < shape.sessions; i++) {
    const session = await client.createSession({ template_id: template.id, workspace_id: 'soak', base_commit_oid: 'soak', worktree_path: worktree });
    sessions.push(session.id);
  }

  const total = shape.sessions * shape.executionsPerSession;
  const latencies: number[] = [];
  const rss: number[] = [];
  const seen = new Map<string, ProcessId>();
  const sampleEvery = Math.max(1, Math.floor(total / RSS_SAMPLES));
  const reportEvery = Math.max(1, Math.floor(total / 20));
  const started = nowMs();
  let done = 0;

  const sample = () => {
    rss.push(rssMb(pid));
    for (const child of livingChildren(pid)) seen.set(`${child.pid}:${child.startTicks}`, child);
  };
  sample();

  const runClient = async (owned: string[]) => {
    for (let n = 0; n < shape.executionsPerSession; n++) {
      for (const sessionId of owned) {
        const marker = `soak ${sessionId.slice(0, 8)} #${n}`;
        const t0 = nowMs();
        try {
          const answer = await client.repl(sessionId, `console.log(${JSON.stringify(marker)}, "x".repeat(64)); ${n} * 2`);
          latencies.push(nowMs() - t0);
          const printed = answer.events.some((e) => e.type === 'console' && String(e.payload.text).startsWith(marker));
          if (answer.status !== 'ok' || !printed || answer.result?.json !== n * 2) fail(`${marker}: status ${answer.status}, events ${answer.events.map((e) => e.type).join(',')}`);
        } catch (error) {
          latencies.push(nowMs() - t0);
          fail(`${marker}: ${error instanceof ApiError ? `${error.status} ${error.code}` : ''} ${(error as Error).message}`);
        }
        done += 1;
        if (done % sampleEvery === 0) sample();
        if (done % reportEvery === 0) {
          progress(
            `soak ${Math.round((100 * done) / total)}%: ${done}/${total} executions, ${errors} errors, daemon RSS ${mb(rss[rss.length - 1])}, ${((nowMs() - started) / 1000).toFixed(0)} s`,
          );
        }
      }
    }
  };
  const shares = Array.from({ length: shape.clients }, (_, c) => sessions.filter((_, i) => i % shape.clients === c));
  await Promise.all(shares.filter((s) => s.length > 0).map(runClient));
  const elapsedMs = nowMs() - started;

  const tenths = slices(latencies, 10).map((part) => ({ p50: quantile(part, 0.5), p99: quantile(part, 0.99) }));
  const rssTenths = slices(rss, 10);
  const rssAfterWarmUp = median(rssTenths[1]);
  const rssAtEnd = median(rssTenths[9]);
  const rssGrowth = (rssAtEnd - rssAfterWarmUp) / rssAfterWarmUp;

  if (errors > 0) failures.push(`${errors} executions failed, e.g. ${errorSamples.join('; ')}`);
  if (scale === 'long' && rssGrowth > RSS_GROWTH_LIMIT)
    failures.push(`daemon RSS grew ${percent(rssGrowth)} after warm-up (${mb(rssAfterWarmUp)} → ${mb(rssAtEnd)}), more than ${percent(RSS_GROWTH_LIMIT)}`);

  const live = await accountForHosts(client, pid);
  if (!live.balanced || live.count.activeSessions !== shape.sessions) failures.push(`with ${shape.sessions} sessions open: ${describeHostCount(live.count)}`);
  for (const child of live.children) seen.set(`${child.pid}:${child.startTicks}`, child);
  const hostRss = live.children.map((c) => rssMb(c.pid));

  const verify = await client.verifyLedger();
  if (!verify.ok) failures.push(`the ledger does not verify: ${JSON.stringify(verify)}`);

  for (const id of sessions) await client.closeSession(id);
  const closed = await accountForHosts(client, pid);
  if (!closed.balanced || closed.count.activeSessions !== 0) failures.push(`after every session closed: ${describeHostCount(closed.count)}`);

  const exitCode = await daemon.stop();
  if (exitCode !== 0) failures.push(`the daemon's graceful stop exited ${exitCode}`);
  const orphans = await survivorsAfterExit([...seen.values()]);
  if (orphans.length > 0) failures.push(`host processes outlived the daemon: ${orphans.map((o) => o.pid).join(', ')}`);

  const lines = [
    `${shape.sessions} sessions × ${shape.executionsPerSession} executions with console output, ${shape.clients} clients at once: ${total} executions in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round(total / (elapsedMs / 1000))} exec/s), ${errors} errors`,
    `daemon RSS: ${mb(rss[0])} at the start, ${mb(rssAfterWarmUp)} after warm-up (median of the 2nd tenth), ${mb(rssAtEnd)} at the end (median of the last tenth): ${percent(rssGrowth)}; max ${mb(Math.max(...rss))}`,
    `latency per tenth of the run (p50 / p99): ${tenths.map((t) => `${ms(t.p50)} / ${ms(t.p99)}`).join(' · ')}`,
    `hosts with the sessions open: ${describeHostCount(live.count)} (host RSS median ${mb(median(hostRss))}); after close: ${describeHostCount(closed.count)}; ${seen.size} host processes seen over the run, ${orphans.length} alive after the daemon stopped`,
    `ledger: ${verify.count} events, chain ${verify.ok ? 'verified' : 'BROKEN'}`,
  ];
  return {
    name: 'soak',
    scale,
    lines,
    failures,
    executions: total,
    errors,
    elapsedMs,
    rss,
    rssAfterWarmUp,
    rssAtEnd,
    rssGrowth,
    latencyByTenth: tenths,
    ledgerEvents: verify.count,
  };
}
