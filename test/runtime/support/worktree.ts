import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway worktree next to an `outside` directory, with symlinks leading out of it:
 * `escape-dir` → outside, `escape-file.txt` → outside/secret.txt, `dangling-out.txt` →
 * outside/not-yet.txt (missing). Paths are real (tmpdir may itself be a symlink).
 */
export interface TestWorktree {
  base: string;
  worktree: string;
  outside: string;
  /** Names in `outside`, to check nothing was written there. */
  outsideNames(): string[];
  remove(): void;
}

export function makeWorktree(prefix = 'vm-host-modules-'): TestWorktree {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const worktree = path.join(base, 'worktree');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(worktree);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  fs.symlinkSync(outside, path.join(worktree, 'escape-dir'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(worktree, 'escape-file.txt'));
  fs.symlinkSync(path.join(outside, 'not-yet.txt'), path.join(worktree, 'dangling-out.txt'));
  return {
    base,
    worktree,
    outside,
    outsideNames: () => fs.readdirSync(outside).sort(),
    remove: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}
