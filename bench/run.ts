// `npm run bench`: each scenario against a real daemon on 127.0.0.1 and, in the same run,
// the raw floor that bounds it. Prints a table and writes docs/benchmarks.md.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from '../test/support/daemon';
import { makeTemplate, makeWorktree } from '../test/support/fixtures';
import { REPO_ROOT, tempDir } from '../test/support/paths';
import { bareIsolateAndContext, startReplFloor } from './floors';
import { Summary, ms, summarize, timeCalls } from './stats';

interface Row {
  scenario: string;
  ours: Summary;
  floor: Summary;
}

const quick = process.argv.includes('--quick');
const N = quick ? 100 : 500;
const CREATES = quick ? 15 : 40;

async function main(): Promise<void> {
  const rows: Row[] = [];
  const daemon = await startDaemon();
  try {
    const templateId = await makeTemplate(daemon.client);
    const worktree = makeWorktree();
    const session = await daemon.client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree });

    process.stdout.write(`REPL round trip 1+1 over HTTP (${N} sequential)…\n`);
    const ours = await timeCalls(N, 20, () => daemon.client.repl(session.id, '1+1'));
    const floor = await startReplFloor(tempDir('vm-system-bench-'));
    const post = () => fetch(floor.url, { method: 'POST', body: JSON.stringify({ input: '1+1' }) }).then((r) => r.json());
    const floorSamples = await timeCalls(N, 20, post);
    await floor.close();
    rows.push({ scenario: 'REPL round trip `1+1` over HTTP', ours: summarize(ours), floor: summarize(floorSamples) });

    process.stdout.write(`Session create with a warm pool, empty template (${CREATES})…\n`);
    const createSamples: number[] = [];
    for (let i = 0; i < CREATES; i++) {
      // Untimed: wait until the pre-forked hosts are loaded again, as between a user's creates.
      while ((await daemon.client.runtimeSummary()).warm_hosts < 2);
      let sessionId = '';
      const [sample] = await timeCalls(1, 0, async () => {
        sessionId = (await daemon.client.createSession({ template_id: templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree })).id;
      });
      createSamples.push(sample);
      await daemon.client.closeSession(sessionId);
    }
    const isolateSamples = await timeCalls(CREATES, 3, bareIsolateAndContext);
    rows.push({ scenario: 'session create, warm pool, empty template', ours: summarize(createSamples), floor: summarize(isolateSamples) });
  } finally {
    await daemon.stop();
  }
  report(rows);
}

function report(rows: Row[]): void {
  const lines = [
    '| scenario | ours p50 | ours p99 | floor p50 | floor p99 | ratio p50 (ours/floor) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.scenario} | ${ms(r.ours.p50)} | ${ms(r.ours.p99)} | ${ms(r.floor.p50)} | ${ms(r.floor.p99)} | ${(r.ours.p50 / r.floor.p50).toFixed(2)}× |`),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const doc = `# Benchmarks

Measured by \`npm run bench\` (\`npm run bench -- --quick\` for a short pass) on ${new Date().toISOString().slice(0, 10)},
${machine}. Every scenario runs against a real daemon on 127.0.0.1 (real SQLite file, real
isolates in their host processes) and, in the same run, against its raw floor: the bare
parts with nothing of ours in between. Timing never goes into a pass/fail test.

${lines.join('\n')}

## What the floors are
- **REPL round trip**: a bare \`node:http\` server in one process doing one async
  isolated-vm \`eval\` and one better-sqlite3 insert per request. Ours adds the REST layer
  (NestJS, strict validation, request id), the CQRS buses, the session stream append
  (ExecutionStarted/Finished with optimistic concurrency), the execution stream appends
  (input_echo, value), the inline projections, the IPC hop to the session's host process,
  the REPL rewrite, and value capture inside the guest.
- **Session create**: a bare \`new Isolate\` + \`createContext\` in process. Ours adds the
  template snapshot, three ledger appends with projections, taking a pre-forked host from
  the warm pool (the ~200 ms fork is paid in the background, and the run waits, untimed,
  for the pool to be warm before each create), the isolate and the guest bootstrap
  (console shim, inspector, require).

## What limits us (measured with \`--cpu-prof\` on the daemon)
- **REPL round trip**: two committed transactions per execution (ExecutionStarted with
  its input_echo before the code runs, so a crash mid-run is recorded; the last events
  with ExecutionFinished after), each an fsync under \`synchronous=FULL\`, against the
  floor's one. The rest is the IPC hop to the session's host process and Nest's request
  pipeline. An earlier build re-read the whole session stream on every command (32 ms per
  REPL after 1,000 executions); folded aggregate states are now cached per stream.
- **Session create**: building the guest runtime inside the new isolate (console shim,
  the util.inspect port, require: ~13 ms measured in the host), two commits
  (SessionStarted, SessionReady) and the IPC start handshake. The floor creates an empty
  isolate and nothing else.

## How to reproduce
\`\`\`bash
npm ci
npm run bench            # full run
npm run bench -- --quick # about a minute
\`\`\`
`;
  writeFileSync(join(REPO_ROOT, 'docs', 'benchmarks.md'), doc);
  process.stdout.write(`\nwrote docs/benchmarks.md\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
