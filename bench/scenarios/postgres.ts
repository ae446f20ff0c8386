import { HttpTransport, VmSystemClient } from '@vm-system/client';
import { TestDaemon } from '../../test/support/daemon';
import { makeTemplate, makeWorktree } from '../../test/support/fixtures';
import { BenchPostgres, onDatabase, startBenchPostgres } from '../lib/bench-postgres';
import { BenchContext, drainIo, log } from '../lib/context';
import { concurrentInsertFloor, postgresFloodFloor, startPostgresReplFloor } from '../lib/postgres-floors';
import { Row } from '../lib/report';
import { Scenario } from '../lib/scenario';
import { latencyFigure, median, now, timeCalls, valueFigure } from '../lib/stats';
import { countersSince, LedgerCounters, ledgerCounters, watchWriteLock, WriteLockUse } from '../lib/write-lock-watch';

const session = (client: VmSystemClient, templateId: string) =>
  client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: makeWorktree() });

/** REPL `1+1`, one session, on a daemon whose ledger is in PostgreSQL. */
async function replRows(ctx: BenchContext, pg: BenchPostgres): Promise<Row[]> {
  const rounds = ctx.quick ? 3 : 5;
  const calls = ctx.quick ? 40 : 100;
  log(`REPL round trip 1+1 on PostgreSQL, 1 session: ${rounds} rounds × ${calls} calls…`);
  const daemon = await ctx.startDaemon([], await pg.createDatabase('repl'));
  const { id } = await session(daemon.client, await makeTemplate(daemon.client));
  const floor = await startPostgresReplFloor(await pg.createDatabase('repl_floor'));
  const floorHttp = new HttpTransport({ serverUrl: floor.url });
  const ours = () => daemon.client.repl(id, '1+1');
  const bare = () => floorHttp.request('POST', '/repl', { input: '1+1' });
  const oursRounds: number[][] = [];
  const floorRounds: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    oursRounds.push(await timeCalls(calls, r === 0 ? 20 : 0, ours));
    floorRounds.push(await timeCalls(calls, r === 0 ? 20 : 0, bare));
  }
  await daemon.stop();
  const rate = (samples: number[]) => (samples.length / samples.reduce((a, b) => a + b, 0)) * 1000;
  const rows: Row[] = [
    { metric: 'REPL `1+1` latency, 1 session', ours: latencyFigure(oursRounds), floor: latencyFigure(floorRounds) },
    {
      metric: 'REPL `1+1` executions/s, 1 session',
      ours: valueFigure('exec/s', oursRounds.map(rate)),
      floor: valueFigure('exec/s', floorRounds.map(rate)),
    },
  ];
  if (ctx.quick) {
    await floor.close();
    return rows;
  }

  // For reference: the same loop on a daemon started with `--durability normal` (commits
  // without waiting for the WAL flush), against the same floor (which keeps its flush): what
  // is left of the gap without our two flushes per execution.
  const normal = await ctx.startDaemon(['--durability', 'normal'], await pg.createDatabase('repl_normal'));
  const normalSession = await session(normal.client, await makeTemplate(normal.client));
  const oursNormal = () => normal.client.repl(normalSession.id, '1+1');
  const normalRounds: number[][] = [];
  const floorAgain: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    normalRounds.push(await timeCalls(calls, r === 0 ? 20 : 0, oursNormal));
    floorAgain.push(await timeCalls(calls, 0, bare));
  }
  await normal.stop();
  await floor.close();
  rows.push({
    metric: 'REPL `1+1` latency, 1 session, daemon `--durability normal` (for reference)',
    ours: latencyFigure(normalRounds),
    floor: latencyFigure(floorAgain),
    reference: true,
  });
  return rows;
}

/** A console flood on PostgreSQL, against bare multi-row INSERTs batched as our appends were. */
async function floodRows(ctx: BenchContext, pg: BenchPostgres): Promise<{ rows: Row[]; notes: string[] }> {
  const lines = ctx.quick ? 10_000 : 50_000;
  const rounds = ctx.quick ? 2 : 3;
  log(`Console flood on PostgreSQL: ${rounds} executions printing ${lines.toLocaleString('en-US')} lines each…`);
  const daemon = await ctx.startDaemon([], await pg.createDatabase('flood'));
  const templateId = await makeTemplate(daemon.client, { limits: { max_events: lines + 10, max_output_kb: 64 * 1024, cpu_ms: 120_000, wall_ms: 300_000 } });
  const { id } = await session(daemon.client, templateId);
  const floorDb = await pg.createDatabase('flood_floor');
  const ours: number[] = [];
  const floor: number[] = [];
  const batches: number[] = [];
  const appendMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const before = await ledgerCounters(daemon.url);
    const sentAt = Date.now();
    const run = await daemon.client.repl(id, `for (let i = 0; i < ${lines}; i++) console.log('line ' + i)`);
    if (run.status !== 'ok') throw new Error(`flood execution ended ${run.status}: ${JSON.stringify(run.error)}`);
    const recordedMs = Date.parse(run.events[run.events.length - 1].ts) - sentAt;
    const used = countersSince(before, await ledgerCounters(daemon.url));
    ours.push(((run.events.length - 2) / Math.max(1, recordedMs)) * 1000);
    // Our appends' mean batch, for the floor to commit as many rows at a time.
    const batch = Math.max(1, Math.round(used.events / used.appends));
    batches.push(batch);
    appendMs.push((used.appendSeconds / used.appends) * 1000);
    await drainIo();
    floor.push(await postgresFloodFloor(floorDb, lines, batch));
    log(
      `  round ${r + 1}/${rounds}: ours ${ours[r].toFixed(0)} events/s (${used.appends} appends of ~${batch} events, ${appendMs[r].toFixed(1)} ms each), floor ${floor[r].toFixed(0)} rows/s`,
    );
  }
  await daemon.stop();
  return {
    rows: [
      {
        metric: `console flood, recorded events/s (${lines.toLocaleString('en-US')} lines; request sent → last event recorded)`,
        ours: valueFigure('events/s', ours),
        floor: valueFigure('events/s', floor),
      },
    ],
    notes: [
      `Console flood: our appends carried ~${median(batches)} events each (the host's output windows) and took ${median(appendMs).toFixed(1)} ms each (median over rounds of the mean, from \`vm_system_ledger_append_duration_seconds\`: lock, fence, head, the rows 64 per INSERT, projections, checkpoints, commit); the floor commits the same number of rows per multi-row INSERT.`,
    ],
  };
}

interface WindowResult {
  seconds: number;
  eventsPerSecond: number;
  executionsPerSecond: number;
  lock: WriteLockUse;
  counters: LedgerCounters;
}

const SESSIONS_PER_DAEMON = 2;

/**
 * Every session's client runs REPL `1+1` on its own daemon (the session's owner: nothing is
 * forwarded) in a loop for `ms`; the ledger's head before and after gives the events appended.
 */
async function measureWindow(cluster: TestDaemon[], sessions: string[][], db: string, ms: number): Promise<WindowResult> {
  const head = () => onDatabase(db, async (c) => Number((await c.query<{ p: string }>('SELECT COALESCE(MAX(position), 0) AS p FROM ledger_events')).rows[0].p));
  const headBefore = await head();
  const before = await Promise.all(cluster.map((d) => ledgerCounters(d.url)));
  const lock = await watchWriteLock(db);
  let executions = 0;
  const start = now();
  await Promise.all(
    cluster.flatMap((daemon, d) =>
      sessions[d].map(async (id) => {
        const client = new VmSystemClient({ serverUrl: daemon.url });
        while (now() - start < ms) {
          await client.repl(id, '1+1');
          executions += 1;
        }
      }),
    ),
  );
  const seconds = (now() - start) / 1000;
  const lockUse = await lock.stop();
  const after = await Promise.all(cluster.map((d) => ledgerCounters(d.url)));
  const used = before.map((b, i) => countersSince(b, after[i]));
  return {
    seconds,
    eventsPerSecond: ((await head()) - headBefore) / seconds,
    executionsPerSecond: executions / seconds,
    lock: lockUse,
    counters: used.reduce((a, b) => ({ appends: a.appends + b.appends, events: a.events + b.events, appendSeconds: a.appendSeconds + b.appendSeconds })),
  };
}

/** The append rate of 1 daemon and of 3 daemons on one database, against bare concurrent INSERTs. */
async function scalingRows(ctx: BenchContext, pg: BenchPostgres): Promise<{ rows: Row[]; notes: string[] }> {
  const rounds = ctx.quick ? 2 : 3;
  const windowMs = ctx.quick ? 2000 : 5000;
  log(`Append rate on PostgreSQL, 1 daemon vs 3 daemons (${SESSIONS_PER_DAEMON} REPL loops each): ${rounds} rounds of ${windowMs} ms per configuration…`);
  const db = await pg.createDatabase('cluster');
  const cluster = await Promise.all([1, 2, 3].map((n) => ctx.startDaemon(['--node-id', `bench-pg-${n}`], db)));
  const templateId = await makeTemplate(cluster[0].client);
  const sessions: string[][] = [];
  for (const daemon of cluster) {
    const ids: string[] = [];
    for (let s = 0; s < SESSIONS_PER_DAEMON; s++) ids.push((await session(daemon.client, templateId)).id);
    for (const id of ids) for (let i = 0; i < 10; i++) await daemon.client.repl(id, '1+1');
    sessions.push(ids);
  }
  const floorDb = await pg.createDatabase('insert_floor');
  const results = new Map<number, { ours: WindowResult[]; floor: number[] }>([
    [1, { ours: [], floor: [] }],
    [3, { ours: [], floor: [] }],
  ]);
  for (let r = 0; r < rounds; r++) {
    for (const [daemons, result] of results) {
      await drainIo();
      const ours = await measureWindow(cluster.slice(0, daemons), sessions.slice(0, daemons), db, windowMs);
      result.ours.push(ours);
      result.floor.push(await concurrentInsertFloor(floorDb, daemons, windowMs));
      log(
        `  round ${r + 1}/${rounds}, ${daemons} daemon(s): ${ours.eventsPerSecond.toFixed(0)} events/s, ${ours.executionsPerSecond.toFixed(0)} exec/s, ` +
          `write lock held ${(ours.lock.heldShare * 100).toFixed(0)}% of samples, ${ours.lock.meanWaiters.toFixed(2)} waiting; floor ${result.floor[r].toFixed(0)} rows/s`,
      );
    }
  }
  for (const daemon of cluster) await daemon.stop();

  const rows: Row[] = [];
  const notes: string[] = [];
  for (const [daemons, result] of results) {
    const label = `${daemons} daemon${daemons > 1 ? 's' : ''} (${daemons * SESSIONS_PER_DAEMON} REPL loops)`;
    rows.push({
      metric: `appends, ${label}: ledger events/s`,
      ours: valueFigure(
        'events/s',
        result.ours.map((o) => o.eventsPerSecond),
      ),
      floor: valueFigure('events/s', result.floor),
    });
    rows.push({
      metric: `appends, ${label}: executions/s`,
      ours: valueFigure(
        'exec/s',
        result.ours.map((o) => o.executionsPerSecond),
      ),
    });
    const held = median(result.ours.map((o) => o.lock.heldShare));
    const waiting = median(result.ours.map((o) => o.lock.meanWaiters));
    const appendMs = median(result.ours.map((o) => (o.counters.appendSeconds / o.counters.appends) * 1000));
    // The lock's busy time over the appends that held it: how long one append keeps every other out.
    const holdMs = median(result.ours.map((o) => (o.lock.heldShare * o.seconds * 1000) / o.counters.appends));
    const perExecution = median(result.ours.map((o) => o.eventsPerSecond / o.executionsPerSecond));
    notes.push(
      `Appends, ${label}: the write lock was held in ${(held * 100).toFixed(0)}% of \`pg_locks\` samples (every 5 ms) with ${waiting.toFixed(2)} transactions waiting on average, ~${holdMs.toFixed(1)} ms held per append (busy share × window ÷ appends); an append took ${appendMs.toFixed(2)} ms in the daemon (waiting for the lock included); ${perExecution.toFixed(1)} events per execution (medians over rounds).`,
    );
  }
  const gain = (side: (r: { ours: WindowResult[]; floor: number[] }) => number[]) => median(side(results.get(3)!)) / median(side(results.get(1)!));
  notes.push(
    `Appends, 3 daemons ÷ 1 daemon: ours ${gain((r) => r.ours.map((o) => o.eventsPerSecond)).toFixed(2)}× the events/s, the floor ${gain((r) => r.floor).toFixed(2)}× the rows/s (3 connections without a lock against 1).`,
  );
  return { rows, notes };
}

export const postgresScenario: Scenario = {
  name: 'postgres',
  async run(ctx: BenchContext) {
    log('Starting a PostgreSQL server (fsync on) for the PostgreSQL scenario…');
    const pg = await startBenchPostgres();
    ctx.onClose(async () => pg.stop());
    try {
      const repl = await replRows(ctx, pg);
      const flood = await floodRows(ctx, pg);
      const scaling = await scalingRows(ctx, pg);
      return {
        name: 'postgres',
        title: 'PostgreSQL ledger (several daemons)',
        floor:
          `on the same server (${pg.settings}), each in a database of its own: for the REPL rows, bare \`node:http\` + one async isolated-vm \`eval\` + one autocommitted \`pg\` INSERT; ` +
          'for the flood, `pg` multi-row INSERTs of the same rows (ledger columns and keys, same payloads, the chained sha256 per row), as many rows per commit as our appends carried; ' +
          'for the appends, 1 or 3 `pg` connections committing 2-row INSERTs in a loop at once (a REPL execution is two commits of two events), with no lock of ours',
        rows: [...repl, ...flood.rows, ...scaling.rows],
        notes: [...flood.notes, ...scaling.notes],
      };
    } finally {
      pg.stop();
    }
  },
};
