import { PathEscapeError, resolveInsideWorktree } from '../../path-guard';
import { HostModuleError } from './host-module-error';

/**
 * Guest paths for the fs and database modules, through the same guard as run-file: relative to
 * the worktree, after following symlinks; absolute paths, `..` escapes and symlinks leading out
 * are refused. Messages name the guest's path, never the host's absolute one.
 */
export function guestPath(worktree: string, relPath: unknown, what = 'path'): string {
  if (typeof relPath !== 'string') throw new HostModuleError(`The ${what} must be a string`, { code: 'ERR_INVALID_ARG_TYPE' });
  if (relPath === '') throw new HostModuleError(`The ${what} must not be empty`, { code: 'ERR_INVALID_ARG_VALUE' });
  try {
    return resolveInsideWorktree(worktree, relPath);
  } catch (err) {
    if (err instanceof PathEscapeError) {
      const prefix = `Path ${JSON.stringify(relPath)} is not allowed: `;
      const reason = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
      throw new HostModuleError(`Path leaves the worktree: ${relPath} (${reason})`, { code: 'PATH_ESCAPE' });
    }
    throw err;
  }
}

/** A Node fs error with the absolute path swapped for the guest's own. */
export function fsError(err: unknown, absolute: string, relPath: string): HostModuleError {
  const e = err as NodeJS.ErrnoException;
  const message = typeof e?.message === 'string' ? e.message.split(absolute).join(relPath) : String(err);
  return new HostModuleError(message, typeof e?.code === 'string' ? { code: e.code } : {});
}
