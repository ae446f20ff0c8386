import { VmSystemClient } from '@vm-system/client';
import { makeTemplate, makeWorktree } from '../../test/support/fixtures';
import { BenchContext, log } from '../lib/context';
import { Row } from '../lib/report';
import { Scenario } from '../lib/scenario';
import { latencyFigure, median, timeCalls } from '../lib/stats';

/**
 * Each pair: an input that observes the outside world (so its execution records a tape) and
 * one of the same shape and value size that does not. The runtime has no switch to turn
 * recording off (every run begins and ends a tape), so the same daemon, session and round
 * trip without the recorded calls is the floor.
 */
const PAIRS: { metric: string; recorded: string; calls: number; plain: string; reference?: boolean }[] = [
  {
    metric: 'REPL `Date.now() + Math.random()`',
    recorded: 'Date.now() + Math.random()',
    calls: 2,
    plain: '1712345678901 + 0.4242424242',
  },
  {
    metric: 'REPL `Date.now() + Math.random()` + one `fs.existsSync` (upper bound: counts the call too)',
    recorded: "Date.now() + Math.random() + require('fs').existsSync('in.txt')",
    calls: 3,
    // The module is looked up and the function read, not called: the call is what is recorded.
    plain: "1712345678901 + 0.4242424242 + (typeof require('fs').existsSync === 'function')",
  },
  {
    metric: 'REPL loop of 500 × `Date.now()` + `Math.random()` (1,000 recorded values, for reference)',
    recorded: '(() => { let s = 0; for (let i = 0; i < 500; i++) s += Date.now() % 7 + Math.random(); return s })()',
    calls: 1000,
    plain: '(() => { let s = 0; for (let i = 0; i < 500; i++) s += i % 7 + 0.5; return s })()',
    reference: true,
  },
];

export const recording: Scenario = {
  name: 'recording',
  async run(ctx: BenchContext) {
    const daemon = await ctx.daemon();
    const rounds = ctx.quick ? 3 : 5;
    const calls = ctx.quick ? 40 : 200;
    const templateId = await makeTemplate(daemon.client);
    await daemon.client.addModule(templateId, 'fs');
    const session = await daemon.client.createSession({
      template_id: templateId,
      workspace_id: 'bench',
      base_commit_oid: 'bench',
      worktree_path: makeWorktree({ 'in.txt': 'bench\n' }),
    });
    const client = new VmSystemClient({ serverUrl: daemon.url });
    const repl = async (input: string, recordedCalls: number) => {
      const run = await client.repl(session.id, input);
      if (run.status !== 'ok') throw new Error(`\`${input}\` ended ${run.status}: ${JSON.stringify(run.error)}`);
      // Each side is what it claims: the calls on the tape, or none.
      if (run.recorded_calls !== recordedCalls) throw new Error(`\`${input}\` recorded ${run.recorded_calls} calls, not ${recordedCalls}`);
      return run;
    };

    const rows: Row[] = [];
    const notes: string[] = [
      "The `fs.existsSync` row is an upper bound of recording a host call: its floor looks the function up without calling it, so the call's own work (the callback out of the isolate, the path guard, a `stat`) is counted as recording.",
    ];
    for (const pair of PAIRS) {
      log(`recording: ${pair.metric}, ${rounds} rounds × ${calls}…`);
      await repl(pair.recorded, pair.calls);
      await repl(pair.plain, 0);
      await timeCalls(0, 20, () => repl(pair.recorded, pair.calls));
      await timeCalls(0, 20, () => repl(pair.plain, 0));
      const oursRounds: number[][] = [];
      const floorRounds: number[][] = [];
      for (let r = 0; r < rounds; r++) {
        oursRounds.push(await timeCalls(calls, 0, () => repl(pair.recorded, pair.calls)));
        floorRounds.push(await timeCalls(calls, 0, () => repl(pair.plain, 0)));
      }
      const ours = latencyFigure(oursRounds);
      const floor = latencyFigure(floorRounds);
      rows.push(pair.reference ? { metric: pair.metric, ours, floor, reference: true } : { metric: pair.metric, ours, floor, target: { kind: 'ratio-max', value: 1.1 } });
      if (pair.reference) {
        // ms per 1,000 values is µs per value.
        const perValueUs = median(oursRounds.map(median)) - median(floorRounds.map(median));
        notes.push(
          `Recording costs about ${perValueUs.toFixed(2)} µs per recorded value (the loop's 1,000 values: median of the rounds' medians, ours − floor), tape, IPC and ledger row included.`,
        );
      }
    }
    await daemon.client.closeSession(session.id);

    return {
      name: 'recording',
      title: 'Recording what a REPL input observes (`Date.now()`, `Math.random()`, a host call)',
      floor:
        'the same daemon, session and REPL round trip with an input of the same shape and value size that observes nothing (a constant for the clock and random; the `fs` function looked up but not called); the runtime has no switch to turn recording off, so this is the honest comparison, and the floor still begins and ends an (empty) tape',
      rows,
      notes,
    };
  },
};
