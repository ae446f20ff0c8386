import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root, seen from dist/test/support. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const CLI_BIN = join(REPO_ROOT, 'bin', 'vm-system.js');

/** Set to keep a run's directories (databases, worktrees, daemon files) for a post-mortem. */
const KEEP = process.env.VM_SYSTEM_KEEP_TEMP === '1';
const made: string[] = [];

// The test runner starts a process per spec file (and the bench is one): what one made is
// removed when it exits, so runs do not pile databases up in the temp directory.
process.once('exit', () => {
  if (KEEP) return;
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A child still writing there: leave it rather than fail the spec file at its exit.
    }
  }
});

/** A new directory under the OS temp directory, removed when this process exits. */
export function tempDir(prefix = 'vm-system-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
