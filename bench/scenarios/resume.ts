import Database from 'better-sqlite3';
import ivm from 'isolated-vm';
import { makeTemplate, makeWorktree } from '../../test/support/fixtures';
import { BenchContext, log, warmPoolFull } from '../lib/context';
import { Scenario } from '../lib/scenario';
import { latencyFigure, now } from '../lib/stats';

/**
 * 100 small REPL inputs, in groups of four: a binding, an expression on it, a function, a call.
 * Nothing reads the clock or random, so the replay's tape is empty and the comparison is of
 * rebuilding a session, not of recording.
 */
export const RESUME_INPUTS: string[] = Array.from({ length: 25 }, (_, i) => [
  `let x${i} = ${i}`,
  `x${i} + 1`,
  `function f${i}(a) { return a * ${i} + x${i} }`,
  `f${i}(x${i}) + [1, 2, 3].map(f${i}).length`,
]).flat();

/**
 * The floor: what any rebuild of this session has to do at the least, in the bench process (a
 * warm host already runs): a new isolate and context, then the same 100 inputs evaluated in
 * order. No ledger, no IPC, no comparison of the events.
 */
async function bareRebuild(): Promise<number> {
  const start = now();
  const isolate = new ivm.Isolate({ memoryLimit: 128 });
  const context = await isolate.createContext();
  for (const input of RESUME_INPUTS) await context.eval(input, { timeout: 5000 });
  const ms = now() - start;
  isolate.dispose();
  return ms;
}

export const resume: Scenario = {
  name: 'resume',
  async run(ctx: BenchContext) {
    const daemon = await ctx.daemon();
    const client = daemon.client;
    const rounds = ctx.quick ? 3 : 5;
    const samples = ctx.quick ? 4 : 8;
    const templateId = await makeTemplate(client);
    const session = await client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: makeWorktree() });
    for (const input of RESUME_INPUTS) {
      const run = await client.repl(session.id, input);
      if (run.status !== 'ok') throw new Error(`resume setup: \`${input}\` ended ${run.status}: ${JSON.stringify(run.error)}`);
    }

    // The resume route answers once the restore is over (the handler awaits the replay and the
    // SessionRestored commit), so its latency is the whole rebuild; the first answer is checked.
    // Between samples, untimed: wait for the warm pool to be full again, since a restore takes a
    // warm host and the pool's refill (a fork and ~150 ms of CPU) would land on the next one.
    const oneResume = async (): Promise<number> => {
      await warmPoolFull(client);
      await client.suspendSession(session.id);
      const start = now();
      const resumed = await client.resumeSession(session.id);
      const ms = now() - start;
      if (resumed.status !== 'ready') throw new Error(`resume answered a session ${resumed.status}: ${resumed.last_error ?? ''}`);
      return ms;
    };

    log(`resume of a suspended session with ${RESUME_INPUTS.length} REPL executions: ${rounds} rounds × ${samples}…`);
    await oneResume();
    await bareRebuild();
    const oursRounds: number[][] = [];
    const floorRounds: number[][] = [];
    for (let r = 0; r < rounds; r++) {
      const ours: number[] = [];
      for (let i = 0; i < samples; i++) ours.push(await oneResume());
      oursRounds.push(ours);
      const floor: number[] = [];
      for (let i = 0; i < samples; i++) floor.push(await bareRebuild());
      floorRounds.push(floor);
    }

    // The replayed state is the state: the bindings of the first and last groups are still there.
    const check = await client.repl(session.id, 'f24(x24) + x0');
    if (check.status !== 'ok') throw new Error(`after the resumes, f24(x24) + x0 ended ${check.status}`);

    // What the daemon measured itself (from the start of the rebuild to just before its commit;
    // no HTTP, no command bus, no SessionRestored commit), one per timed resume, rounds as above.
    const db = new Database(daemon.dbFile, { readonly: true });
    const restoreMs = (
      db.prepare("SELECT data FROM ledger_events WHERE stream_id = ? AND type = 'SessionRestored' ORDER BY seq").all(`session-${session.id}`) as { data: string }[]
    )
      .map((row) => JSON.parse(row.data) as { restore_ms: number; replayed: number })
      .slice(1);
    db.close();
    if (restoreMs.some((r) => r.replayed !== RESUME_INPUTS.length))
      throw new Error(`a restore replayed ${restoreMs.map((r) => r.replayed).join(', ')} executions, not ${RESUME_INPUTS.length}`);
    const recordedRounds = oursRounds.map((_, r) => restoreMs.slice(r * samples, (r + 1) * samples).map((x) => x.restore_ms));
    await client.closeSession(session.id);

    return {
      name: 'resume',
      title: `Resume of a suspended session with ${RESUME_INPUTS.length} REPL executions`,
      floor: `in the bench process, a new isolated-vm isolate and context and the same ${RESUME_INPUTS.length} inputs evaluated in it with async \`eval\`, one after the other (no ledger, no IPC, no verification)`,
      rows: [
        {
          metric: 'POST /sessions/{id}/resume until it answers (ready)',
          ours: latencyFigure(oursRounds),
          floor: latencyFigure(floorRounds),
          target: { kind: 'ratio-max', value: 3 },
        },
        {
          metric: 'SessionRestored.restore_ms, as the daemon measured it (for reference)',
          ours: latencyFigure(recordedRounds),
          floor: latencyFigure(floorRounds),
          reference: true,
        },
      ],
      notes: [
        'The resume route answers after the restore: the replay has run and `SessionRestored` is committed when the `200` arrives, so its latency is the whole rebuild. Before each timed resume the session is suspended and the warm pool is left to fill again (untimed).',
      ],
    };
  },
};
