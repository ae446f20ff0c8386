import Database from 'better-sqlite3';
import { TestDaemon } from '../../test/support/daemon';
import { makeTemplate, makeWorktree } from '../../test/support/fixtures';
import { BenchContext, log } from './context';
import { now } from './stats';

export const FLOOD_LINES = 100_000;
export const FLOOD_CODE = `for (let i = 0; i < ${FLOOD_LINES}; i++) console.log('line ' + i)`;

export interface Flood {
  executionId: string;
  /** Events the execution recorded (input_echo, the console lines, value). */
  events: number;
  /** From sending the request to having the answer (which carries every event). */
  endToEndMs: number;
  /** From sending the request to the last event's recorded_at: everything but building the answer. */
  recordedMs: number;
}

export interface BigLedger {
  daemon: TestDaemon;
  floods: Flood[];
  /** Events in the whole ledger. */
  total: number;
}

/**
 * A ledger of about 1M events (200k with --quick) made the way users make one: executions
 * that each print 100,000 console lines through a real daemon, so every row goes through our
 * ledger code (its hash chain included, once the ledger has one). The console-flood scenario
 * times these executions; the paging, rebuild and verify scenarios read the result.
 */
export function bigLedger(ctx: BenchContext): Promise<BigLedger> {
  return ctx.once('big-ledger', async () => {
    const daemon = await ctx.startDaemon();
    const floodsWanted = ctx.quick ? 2 : 10;
    const templateId = await makeTemplate(daemon.client, {
      limits: { max_events: FLOOD_LINES + 10, max_output_kb: 64 * 1024, cpu_ms: 120_000, wall_ms: 300_000 },
    });
    const session = await daemon.client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: makeWorktree() });
    const floods: Flood[] = [];
    for (let i = 0; i < floodsWanted; i++) {
      const start = now();
      const sentAt = Date.now();
      const run = await daemon.client.repl(session.id, FLOOD_CODE);
      const endToEndMs = now() - start;
      if (run.status !== 'ok') throw new Error(`flood execution ended ${run.status}: ${JSON.stringify(run.error)}`);
      const events = run.events;
      const recordedMs = Date.parse(events[events.length - 1].ts) - sentAt;
      floods.push({ executionId: run.id, events: events.length, endToEndMs, recordedMs });
      log(`  flood ${i + 1}/${floodsWanted}: ${events.length} events, ${endToEndMs.toFixed(0)} ms until answered, ${recordedMs} ms until recorded`);
    }
    const db = new Database(daemon.dbFile, { readonly: true });
    const total = (db.prepare('SELECT MAX(position) AS n FROM ledger_events').get() as { n: number }).n;
    db.close();
    return { daemon, floods, total };
  });
}
