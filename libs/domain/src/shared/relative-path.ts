/**
 * A path that must stay inside a worktree that may not exist yet: relative, and no
 * `..` segment. (Symlinks are checked against the real worktree when it exists.)
 */
export function isSafeRelativePath(path: string): boolean {
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return false;
  return !path.split(/[\\/]+/).some((segment) => segment === '..');
}
