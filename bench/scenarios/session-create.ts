import ivm from 'isolated-vm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTemplate, makeWorktree } from '../../test/support/fixtures';
import { BenchContext, log, warmPoolFull } from '../lib/context';
import { Row } from '../lib/report';
import { Scenario } from '../lib/scenario';
import { latencyFigure, now } from '../lib/stats';

const STARTUP_FILES: Record<string, string> = {
  'boot/one.js': 'globalThis.numbers = _.range(100);\n',
  'boot/two.js': 'globalThis.pairs = _.chunk(numbers, 2).length;\n',
};

/** The floor: a bare isolate and context, running the same library code and startup files. */
async function bareCreate(code: string[]): Promise<void> {
  const isolate = new ivm.Isolate({ memoryLimit: 128 });
  const context = await isolate.createContext();
  await context.global.set('globalThis', context.global.derefInto());
  for (const source of code) {
    const script = await isolate.compileScript(source);
    await script.run(context, { timeout: 10_000 });
    script.release();
  }
  context.release();
  isolate.dispose();
}

export const sessionCreate: Scenario = {
  name: 'session-create',
  async run(ctx: BenchContext) {
    const daemon = await ctx.daemon();
    const cacheDir = await ctx.libraryCache();
    const rounds = ctx.quick ? 3 : 5;
    const perRound = ctx.quick ? 5 : 12;
    const lodash = readFileSync(join(cacheDir, 'lodash-4.17.21.js'), 'utf8');

    const emptyTemplate = await makeTemplate(daemon.client);
    const lodashTemplate = await makeTemplate(daemon.client);
    await daemon.client.addLibrary(lodashTemplate, 'lodash');
    for (const path of Object.keys(STARTUP_FILES)) await daemon.client.addStartupFile(lodashTemplate, { path });
    const worktree = makeWorktree(STARTUP_FILES);

    const cases = [
      { metric: 'empty template', templateId: emptyTemplate, code: [] as string[] },
      { metric: 'lodash + 2 startup files', templateId: lodashTemplate, code: [lodash, ...Object.values(STARTUP_FILES)] },
    ];
    const rows: Row[] = [];
    for (const c of cases) {
      log(`Session create, ${c.metric}: ${rounds} rounds × ${perRound}…`);
      const ours: number[][] = [];
      const floor: number[][] = [];
      for (let r = 0; r < rounds; r++) {
        const samples: number[] = [];
        for (let i = 0; i < perRound; i++) {
          // Untimed: the pre-forked hosts are loaded again, as between a user's creates.
          await warmPoolFull(daemon.client);
          const start = now();
          const session = await daemon.client.createSession({ template_id: c.templateId, workspace_id: 'bench', base_commit_oid: 'bench', worktree_path: worktree });
          samples.push(now() - start);
          await daemon.client.closeSession(session.id);
        }
        ours.push(samples);
        const bare: number[] = [];
        await bareCreate(c.code);
        for (let i = 0; i < perRound; i++) {
          const start = now();
          await bareCreate(c.code);
          bare.push(now() - start);
        }
        floor.push(bare);
      }
      rows.push({ metric: c.metric, ours: latencyFigure(ours), floor: latencyFigure(floor), target: { kind: 'ratio-max', value: 2 } });
    }
    return {
      name: 'session-create',
      title: 'session create',
      floor: 'a bare `new Isolate` + `createContext` in process, running the same lodash bundle and startup files',
      rows,
    };
  },
};
