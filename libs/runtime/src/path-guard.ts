import fs from 'node:fs';
import path from 'node:path';

/**
 * Keeps run-file and startup paths inside the session's worktree. Checked after following
 * symlinks: a lexically innocent `link/secret` may point anywhere.
 */

export class PathEscapeError extends Error {
  constructor(
    readonly relPath: string,
    reason: string,
  ) {
    super(`Path ${JSON.stringify(relPath)} is not allowed: ${reason}`);
    this.name = 'PathEscapeError';
  }
}

export class InvalidWorktreeError extends Error {
  constructor(
    readonly worktree: string,
    reason: string,
  ) {
    super(`Invalid worktree ${JSON.stringify(worktree)}: ${reason}`);
    this.name = 'InvalidWorktreeError';
  }
}

/** Throws InvalidWorktreeError unless `worktree` is an absolute path to an existing directory; returns its real path. */
export function validateWorktree(worktree: string): string {
  if (typeof worktree !== 'string' || worktree === '' || !path.isAbsolute(worktree)) {
    throw new InvalidWorktreeError(String(worktree), 'must be an absolute path');
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(worktree);
  } catch {
    throw new InvalidWorktreeError(worktree, 'does not exist');
  }
  if (!stat.isDirectory()) throw new InvalidWorktreeError(worktree, 'is not a directory');
  return fs.realpathSync(worktree);
}

/**
 * The absolute real path of `relPath` inside `worktree`, which need not exist (the caller
 * checks). Throws PathEscapeError for absolute paths, `..` escapes and symlinks leading out.
 */
export function resolveInsideWorktree(worktree: string, relPath: string): string {
  if (typeof relPath !== 'string' || relPath.includes('\0')) throw new PathEscapeError(String(relPath), 'invalid path');
  if (path.isAbsolute(relPath)) throw new PathEscapeError(relPath, 'absolute paths are not allowed');
  const root = validateWorktree(worktree);
  const lexical = path.resolve(root, relPath);
  if (!isInside(root, lexical)) throw new PathEscapeError(relPath, 'it leads outside the worktree');
  const real = realPathOf(lexical, relPath, 0);
  if (!isInside(root, real)) throw new PathEscapeError(relPath, 'a symlink leads outside the worktree');
  return real;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const MAX_LINK_DEPTH = 40;

// realpath for a path that may not exist: the real path of the nearest existing ancestor plus
// the rest. A dangling symlink is followed through its target text, so a link to a file that
// does not exist yet outside the worktree is still caught.
function realPathOf(target: string, relPath: string, depth: number): string {
  if (depth > MAX_LINK_DEPTH) throw new PathEscapeError(relPath, 'too many symlinks');
  try {
    return fs.realpathSync.native(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new PathEscapeError(relPath, 'too many symlinks');
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
  }
  const parent = path.dirname(target);
  const realParent = parent === target ? parent : realPathOf(parent, relPath, depth + 1);
  const candidate = path.join(realParent, path.basename(target));
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(candidate);
  } catch {
    stat = undefined;
  }
  if (stat?.isSymbolicLink()) {
    const link = fs.readlinkSync(candidate);
    return realPathOf(path.resolve(realParent, link), relPath, depth + 1);
  }
  return candidate;
}
