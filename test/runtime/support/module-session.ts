import { after, before } from 'node:test';
import { SessionSupervisor, type RuntimeSession } from '@vm-system/runtime';
import { exceptionOf, makeSpec, repl, valueOf, type SpecOverrides } from './fixtures';
import { makeWorktree, type TestWorktree } from './worktree';

/**
 * One session over its own worktree for a describe block (started in `before`, shut down in
 * `after`), with the guest's first line run as a preamble, e.g. `var fs = require("fs")`.
 */
export function useModuleSession(spec: Omit<SpecOverrides, 'worktreePath'>, preamble: string) {
  let supervisor: SessionSupervisor;
  let tree: TestWorktree;
  let session: RuntimeSession;
  before(async () => {
    supervisor = new SessionSupervisor({ warmPoolMax: 1 });
    tree = makeWorktree();
    session = await supervisor.start(makeSpec({ ...spec, worktreePath: tree.worktree }));
    valueOf(await repl(session, preamble));
  });
  after(async () => {
    await supervisor.shutdown();
    tree.remove();
  });
  return {
    get supervisor(): SessionSupervisor {
      return supervisor;
    },
    get session(): RuntimeSession {
      return session;
    },
    get tree(): TestWorktree {
      return tree;
    },
    value: async (code: string) => valueOf(await repl(session, code)).json,
    failure: async (code: string) => exceptionOf(await repl(session, code)).message,
  };
}
