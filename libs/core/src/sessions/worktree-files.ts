import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { DomainError, isSafeRelativePath } from '@vm-system/domain';
import { InvalidWorktreeError, PathEscapeError, resolveInsideWorktree, validateWorktree } from '@vm-system/runtime';

/** An existing directory that resolves (symlinks followed) inside one of the roots, if any are set. */
export function requireWorktree(path: string, roots: readonly string[] = []): void {
  try {
    validateWorktree(path);
  } catch (error) {
    if (error instanceof InvalidWorktreeError) throw new DomainError('INVALID_PATH', error.message, { worktree_path: path });
    throw error;
  }
  if (roots.length === 0) return;
  const real = realpathSync(path);
  const inside = (root: string) => {
    const rest = relative(root, real);
    return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
  };
  if (!roots.some(inside)) {
    throw new DomainError('INVALID_PATH', `Worktree ${path} resolves to ${real}, outside the daemon's worktree roots (serve --worktree-root)`, { worktree_path: path });
  }
}

/**
 * Reads a worktree file for execution: absolute paths, `..` and symlinks leading out
 * are INVALID_PATH, a missing file FILE_NOT_FOUND; all before any JS runs.
 */
export function readWorktreeFile(worktree: string, path: string): string {
  if (!isSafeRelativePath(path)) throw new DomainError('INVALID_PATH', `Path must be relative and stay inside the worktree: ${path}`, { path });
  let absolute: string;
  try {
    absolute = resolveInsideWorktree(worktree, path);
  } catch (error) {
    if (error instanceof PathEscapeError) throw new DomainError('INVALID_PATH', `Path leaves the worktree: ${path}`, { path });
    throw error;
  }
  const stat = statSync(absolute, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new DomainError('FILE_NOT_FOUND', `File not found in the worktree: ${path}`, { path });
  return readFileSync(absolute, 'utf8');
}
