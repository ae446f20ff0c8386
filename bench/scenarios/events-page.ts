import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { HttpTransport, VmSystemClient } from '@vm-system/client';
import { bareServer, sendJson } from '../lib/bare-http';
import { bigLedger, FLOOD_LINES } from '../lib/big-ledger';
import { BenchContext, log } from '../lib/context';
import { Row } from '../lib/report';
import { Scenario } from '../lib/scenario';
import { latencyFigure, timeCalls } from '../lib/stats';

const PAGE = 100;

/**
 * `exec events --after-seq` pages of 100 over HTTP, near the start and near the end of the big
 * ledger (the first flood's events sit at ledger positions ~1..100k, the last one's at the top).
 * The floor: the same SELECT on the same file behind a bare node:http, in a process of its own.
 */
export const eventsPage: Scenario = {
  name: 'events-page',
  async run(ctx: BenchContext) {
    const ledger = await bigLedger(ctx);
    const rounds = ctx.quick ? 3 : 5;
    const calls = ctx.quick ? 100 : 300;
    const db = new Database(ledger.daemon.dbFile, { readonly: true });
    const select = db.prepare('SELECT seq, recorded_at, type, data FROM ledger_events WHERE stream_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    const position = db.prepare('SELECT position FROM ledger_events WHERE stream_id = ? AND seq = ?');
    // The floor and its Express variant run in a process of their own, as the daemon does.
    const child = fork(join(__dirname, '..', 'lib', 'page-floor-child.js'), [ledger.daemon.dbFile, String(PAGE)]);
    const urls = await new Promise<{ bareUrl: string; expressUrl: string }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { bareUrl: string; expressUrl: string }));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the page floor process exited (${code}) before listening`)));
    });
    const floorHttp = new HttpTransport({ serverUrl: urls.bareUrl });
    // Not a floor: the same handler behind Express (what Nest's platform-express adds first).
    const expressHttp = new HttpTransport({ serverUrl: urls.expressUrl });
    // Not a floor either: the bare floor inside the bench process, as an earlier version of this
    // scenario measured it. Client and server then share one thread and no process hop.
    const inProcess = await bareServer((req, _body, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const id = url.searchParams.get('id')!;
      const rows = select.all(`execution-${id}`, Number(url.searchParams.get('after_seq')), PAGE) as { seq: number; recorded_at: string; type: string; data: string }[];
      sendJson(res, JSON.stringify(rows.map((r) => ({ execution_id: id, seq: r.seq, ts: r.recorded_at, type: r.type, payload: JSON.parse(r.data) }))));
    });
    const inProcessHttp = new HttpTransport({ serverUrl: inProcess.url });
    const client = new VmSystemClient({ serverUrl: ledger.daemon.url });

    const first = ledger.floods[0].executionId;
    const last = ledger.floods[ledger.floods.length - 1].executionId;
    const cases = [
      { executionId: first, afterSeq: 1000 },
      { executionId: last, afterSeq: FLOOD_LINES - PAGE },
    ];
    const rows: Row[] = [];
    const expressRows: Row[] = [];
    const p50s: number[] = [];
    for (const c of cases) {
      const at = (position.get(`execution-${c.executionId}`, c.afterSeq + 1) as { position: number }).position;
      log(`exec events page of ${PAGE} at ledger position ${at.toLocaleString('en-US')} of ${ledger.total.toLocaleString('en-US')}: ${rounds} rounds × ${calls}…`);
      const ours = () => client.executionEvents(c.executionId, c.afterSeq, PAGE);
      const bare = () => floorHttp.request('GET', `/events?id=${c.executionId}&after_seq=${c.afterSeq}`);
      const viaExpress = () => expressHttp.request('GET', `/events?id=${c.executionId}&after_seq=${c.afterSeq}`);
      const sameProcess = () => inProcessHttp.request('GET', `/events?id=${c.executionId}&after_seq=${c.afterSeq}`);
      const oursRounds: number[][] = [];
      const floorRounds: number[][] = [];
      const expressRounds: number[][] = [];
      const inProcessRounds: number[][] = [];
      for (const call of [ours, bare, viaExpress, sameProcess]) await timeCalls(20, 0, call);
      for (let r = 0; r < rounds; r++) {
        oursRounds.push(await timeCalls(calls, 0, ours));
        floorRounds.push(await timeCalls(calls, 0, bare));
        expressRounds.push(await timeCalls(calls, 0, viaExpress));
        inProcessRounds.push(await timeCalls(calls, 0, sameProcess));
      }
      const where = `position ${at.toLocaleString('en-US')}`;
      expressRows.push({ metric: `the floor behind Express, ${where} (for reference)`, ours: latencyFigure(expressRounds), floor: latencyFigure(floorRounds), reference: true });
      expressRows.push({
        metric: `the floor in the bench process, ${where} (for reference)`,
        ours: latencyFigure(inProcessRounds),
        floor: latencyFigure(floorRounds),
        reference: true,
      });
      const row: Row = {
        metric: `page at position ${at.toLocaleString('en-US')}`,
        ours: latencyFigure(oursRounds),
        floor: latencyFigure(floorRounds),
        target: { kind: 'ratio-max', value: 1.2 },
      };
      rows.push(row);
      p50s.push(row.ours.p50);
    }
    child.disconnect();
    await inProcess.close();
    db.close();
    // "No slower than at 1,000": allow the rounds' own noise, not a fixed margin.
    const noise = Math.max(rows[0].ours.spread, rows[1].ours.spread) / 2;
    rows.push({
      metric: 'page at the top vs near position 1,000 (p50s)',
      ours: { ...rows[1].ours },
      floor: { ...rows[0].ours },
      target: { kind: 'custom', text: `no slower (within ±${(noise * 100).toFixed(0)}% noise)`, met: p50s[1] <= p50s[0] * (1 + noise) },
    });
    rows.push(...expressRows);
    return {
      name: 'events-page',
      title: '`exec events --after-seq`, page of 100',
      floor:
        'the same `SELECT … WHERE stream_id = ? AND seq > ? ORDER BY seq LIMIT 100` on the same file, JSON-parsed, behind a bare `node:http` in a process of its own, as the daemon is (the third row compares our page at the top with ours near 1,000; the reference rows put the floor handler behind Express, and the bare floor in the bench process itself, where client and server share a thread)',
      rows,
    };
  },
};
