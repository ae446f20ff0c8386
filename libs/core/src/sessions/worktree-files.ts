import { readFileSync, statSync } from 'node:fs';
import { DomainError, isSafeRelativePath } from '@vm-system/domain';
import { InvalidWorktreeError, PathEscapeError, resolveInsideWorktree, validateWorktree } from '@vm-system/runtime';

export function requireWorktree(path: string): void {
  try {
    validateWorktree(path);
  } catch (error) {
    if (error instanceof InvalidWorktreeError) throw new DomainError('INVALID_PATH', error.message, { worktree_path: path });
    throw error;
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
