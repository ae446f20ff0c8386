import Database from 'better-sqlite3';
import ivm from 'isolated-vm';
import { join } from 'node:path';
import { HttpTransport, VmSystemClient } from '@vm-system/client';
import { makeTemplate, makeWorktree } from '../../test/support/fixtures';
import { bareServer, sendJson } from '../lib/bare-http';
import { BenchContext, log } from '../lib/context';
import { Row } from '../lib/report';
import { Scenario } from '../lib/scenario';
import { latencyFigure, now, valueFigure } from '../lib/stats';

/**
 * The floor of a REPL round trip: bare node:http, one async isolated-vm eval, one SQLite
 * append (WAL, synchronous=FULL as ours), in one process. One isolate per concurrent client.
 */
let floors = 0;

async function startReplFloor(dir: string, isolates: number) {
  const contexts: ivm.Context[] = [];
  const owned: ivm.Isolate[] = [];
  for (let i = 0; i < isolates; i++) {
    const isolate = new ivm.Isolate({ memoryLimit: 128 });
    owned.push(isolate);
    contexts.push(await isolate.createContext());
  }
  const db = new Database(join(dir, `repl-floor-${++floors}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT, seq INTEGER, type TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO events (stream_id, seq, type, data) VALUES (?, ?, ?, ?)');
  let seq = 0;
  const server = await bareServer(async (_req, body, res) => {
    const { input, session } = JSON.parse(body);
    const value = await contexts[session].eval(input, { timeout: 5000 });
    insert.run('floor', ++seq, 'value', JSON.stringify({ json: value }));
    sendJson(res, JSON.stringify({ status: 'ok', result: { json: value } }));
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      db.close();
      for (const isolate of owned) isolate.dispose();
    },
  };
}

/** `clients` loops, each doing `perClient` sequential calls; answers latencies and calls/s. */
async function load(clients: number, perClient: number, call: (client: number) => Promise<unknown>): Promise<{ samples: number[]; rate: number }> {
  const samples: number[] = [];
  const start = now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const t = now();
        await call(c);
        samples.push(now() - t);
      }
    }),
  );
  return { samples, rate: (clients * perClient) / ((now() - start) / 1000) };
}

export const replRoundTrip: Scenario = {
  name: 'repl',
  async run(ctx: BenchContext) {
    const daemon = await ctx.daemon();
    const rounds = ctx.quick ? 3 : 5;
    const calls = ctx.quick ? 40 : 200;
    const templateId = await makeTemplate(daemon.client);
    const worktree = makeWorktree();
    const sessions: string[] = [];
    for (let i = 0; i < 8; i++) {
      sessions.push((await daemon.client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree })).id);
    }
    const rows: Row[] = [];
    for (const concurrency of [1, 8]) {
      log(`REPL round trip 1+1, ${concurrency} concurrent session(s): ${rounds} rounds × ${calls} calls per session…`);
      const floor = await startReplFloor(ctx.dir, concurrency);
      const floorHttp = new HttpTransport({ serverUrl: floor.url });
      // One client per session, as separate users would be (each its own keep-alive socket).
      const clients = sessions.map(() => new VmSystemClient({ serverUrl: daemon.url }));
      const ours = (c: number) => clients[c].repl(sessions[c], '1+1');
      const bare = (c: number) => floorHttp.request('POST', '/repl', { input: '1+1', session: c });
      await load(concurrency, 20, ours);
      await load(concurrency, 20, bare);
      const oursRounds: { samples: number[]; rate: number }[] = [];
      const floorRounds: { samples: number[]; rate: number }[] = [];
      for (let r = 0; r < rounds; r++) {
        oursRounds.push(await load(concurrency, calls, ours));
        floorRounds.push(await load(concurrency, calls, bare));
      }
      await floor.close();
      rows.push({
        metric: `latency, ${concurrency} session${concurrency > 1 ? 's' : ''}`,
        ours: latencyFigure(oursRounds.map((r) => r.samples)),
        floor: latencyFigure(floorRounds.map((r) => r.samples)),
        target: { kind: 'ratio-max', value: 2 },
      });
      rows.push({
        metric: `executions/s, ${concurrency} session${concurrency > 1 ? 's' : ''}`,
        ours: valueFigure(
          'exec/s',
          oursRounds.map((r) => r.rate),
        ),
        floor: valueFigure(
          'exec/s',
          floorRounds.map((r) => r.rate),
        ),
        // The throughput target is for sessions at once; one session's rate is the latency's inverse.
        ...(concurrency > 1 ? { target: { kind: 'ratio-min' as const, value: 0.6 } } : {}),
      });
    }
    for (const id of sessions) await daemon.client.closeSession(id);

    // For reference, not a target: the same single-session loop on a daemon started with
    // `--durability normal` (nothing waits for a sync), against the same floor (which keeps its
    // fsync). It tells what the one sync an answer waits for costs.
    log(`REPL round trip 1+1 on a daemon with --durability normal: ${rounds} rounds × ${calls}…`);
    const normal = await ctx.startDaemon(['--durability', 'normal']);
    const normalTemplate = await makeTemplate(normal.client);
    const normalSession = await normal.client.createSession({ template_id: normalTemplate, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree });
    const floor = await startReplFloor(ctx.dir, 1);
    const floorHttp = new HttpTransport({ serverUrl: floor.url });
    const oursNormal = () => normal.client.repl(normalSession.id, '1+1');
    const bare = () => floorHttp.request('POST', '/repl', { input: '1+1', session: 0 });
    await load(1, 20, oursNormal);
    const normalRounds: number[][] = [];
    const floorRounds: number[][] = [];
    for (let r = 0; r < rounds; r++) {
      normalRounds.push((await load(1, calls, oursNormal)).samples);
      floorRounds.push((await load(1, calls, bare)).samples);
    }
    await floor.close();
    await normal.stop();
    rows.push({
      metric: 'latency, 1 session, daemon `--durability normal` (for reference)',
      ours: latencyFigure(normalRounds),
      floor: latencyFigure(floorRounds),
      reference: true,
    });

    return {
      name: 'repl',
      title: 'REPL round trip `1+1` over HTTP',
      floor: 'bare `node:http` + one async isolated-vm `eval` + one better-sqlite3 insert (WAL, synchronous=FULL), one process, one isolate per concurrent client',
      rows,
    };
  },
};
