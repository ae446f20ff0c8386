import { spawn } from 'node:child_process';
import { CLI_BIN } from '../../test/support/paths';
import { BenchContext, log } from '../lib/context';
import { Scenario } from '../lib/scenario';
import { latencyFigure, now } from '../lib/stats';

/** Wall time of a process from spawn to exit; fails on a non-zero exit. */
function timeProcess(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(now() - start) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${output}`))));
  });
}

/** The floor: `node -e` making the same GET /api/v1/health with node:http and printing it. */
const floorScript = (url: string) =>
  `require('node:http').get(${JSON.stringify(`${url}/api/v1/health`)}, (r) => { let b = ''; r.on('data', (c) => (b += c)); r.on('end', () => console.log(b)); })`;

export const cliColdStart: Scenario = {
  name: 'cli',
  async run(ctx: BenchContext) {
    const daemon = await ctx.daemon();
    const rounds = ctx.quick ? 3 : 5;
    const perRound = ctx.quick ? 5 : 15;
    log(`CLI cold start, vm-system ops health: ${rounds} rounds × ${perRound}…`);
    const cases = {
      ours: () => timeProcess(CLI_BIN, ['ops', 'health', '--server-url', daemon.url]),
      floor: () => timeProcess(process.execPath, ['-e', floorScript(daemon.url)]),
      // Not a floor: what --no-node-snapshot (which only `serve` runs with) alone costs a bare node -e.
      floorNoSnapshot: () => timeProcess(process.execPath, ['--no-node-snapshot', '-e', floorScript(daemon.url)]),
    };
    const samples = { ours: [] as number[][], floor: [] as number[][], floorNoSnapshot: [] as number[][] };
    await cases.ours();
    await cases.floor();
    for (let r = 0; r < rounds; r++) {
      for (const key of Object.keys(cases) as (keyof typeof cases)[]) {
        const round: number[] = [];
        for (let i = 0; i < perRound; i++) round.push(await cases[key]());
        samples[key].push(round);
      }
    }
    return {
      name: 'cli',
      title: 'CLI `vm-system ops health` cold start',
      floor: '`node -e` doing the same GET with `node:http` and printing the answer',
      rows: [
        { metric: 'wall time, spawn → exit', ours: latencyFigure(samples.ours), floor: latencyFigure(samples.floor), target: { kind: 'ratio-max', value: 2 } },
        { metric: 'the floor with `--no-node-snapshot` (for reference)', ours: latencyFigure(samples.floorNoSnapshot), floor: latencyFigure(samples.floor), reference: true },
      ],
    };
  },
};
