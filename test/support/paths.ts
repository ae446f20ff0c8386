import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root, seen from dist/test/support. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const CLI_BIN = join(REPO_ROOT, 'bin', 'vm-system.js');

export function tempDir(prefix = 'vm-system-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
