import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidWorktreeError, PathEscapeError, resolveInsideWorktree, validateWorktree } from '@vm-system/runtime';

describe('path guard', () => {
  let base: string;
  let worktree: string;
  let outside: string;

  before(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'path-guard-')));
    worktree = path.join(base, 'worktree');
    outside = path.join(base, 'outside');
    fs.mkdirSync(path.join(worktree, 'lib'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(worktree, 'lib', 'main.js'), '1');
    fs.writeFileSync(path.join(outside, 'secret.js'), 'secret');
    fs.symlinkSync(outside, path.join(worktree, 'escape-dir'));
    fs.symlinkSync(path.join(outside, 'secret.js'), path.join(worktree, 'escape-file.js'));
    fs.symlinkSync(path.join(outside, 'not-yet.js'), path.join(worktree, 'dangling-out.js'));
    fs.symlinkSync(path.join(worktree, 'lib'), path.join(worktree, 'lib-link'));
    fs.symlinkSync('lib/main.js', path.join(worktree, 'relative-link.js'));
  });

  after(() => fs.rmSync(base, { recursive: true, force: true }));

  test('a plain relative path resolves to its absolute real path', () => {
    assert.equal(resolveInsideWorktree(worktree, 'lib/main.js'), path.join(worktree, 'lib', 'main.js'));
    assert.equal(resolveInsideWorktree(worktree, './lib/../lib/main.js'), path.join(worktree, 'lib', 'main.js'));
  });

  test('a missing file inside the worktree is fine (the caller checks existence)', () => {
    assert.equal(resolveInsideWorktree(worktree, 'lib/new/deep.js'), path.join(worktree, 'lib', 'new', 'deep.js'));
  });

  test('absolute paths are rejected', () => {
    assert.throws(() => resolveInsideWorktree(worktree, path.join(worktree, 'lib', 'main.js')), PathEscapeError);
    assert.throws(() => resolveInsideWorktree(worktree, '/etc/passwd'), PathEscapeError);
  });

  test('.. escapes are rejected', () => {
    assert.throws(() => resolveInsideWorktree(worktree, '../outside/secret.js'), PathEscapeError);
    assert.throws(() => resolveInsideWorktree(worktree, 'lib/../../outside/secret.js'), PathEscapeError);
    assert.throws(() => resolveInsideWorktree(worktree, '..'), PathEscapeError);
  });

  test('symlinks leading out are rejected, existing or dangling', () => {
    assert.throws(() => resolveInsideWorktree(worktree, 'escape-dir/secret.js'), PathEscapeError);
    assert.throws(() => resolveInsideWorktree(worktree, 'escape-dir/missing.js'), PathEscapeError);
    assert.throws(() => resolveInsideWorktree(worktree, 'escape-file.js'), PathEscapeError);
    assert.throws(() => resolveInsideWorktree(worktree, 'dangling-out.js'), PathEscapeError);
  });

  test('symlinks that stay inside are followed', () => {
    assert.equal(resolveInsideWorktree(worktree, 'lib-link/main.js'), path.join(worktree, 'lib', 'main.js'));
    assert.equal(resolveInsideWorktree(worktree, 'relative-link.js'), path.join(worktree, 'lib', 'main.js'));
  });

  test('a worktree reached through a symlink still works', () => {
    const alias = path.join(base, 'alias');
    fs.symlinkSync(worktree, alias);
    assert.equal(resolveInsideWorktree(alias, 'lib/main.js'), path.join(worktree, 'lib', 'main.js'));
  });

  test('validateWorktree rejects relative, missing and non-directory paths', () => {
    assert.equal(validateWorktree(worktree), worktree);
    assert.throws(() => validateWorktree('relative/dir'), InvalidWorktreeError);
    assert.throws(() => validateWorktree(path.join(base, 'missing')), InvalidWorktreeError);
    assert.throws(() => validateWorktree(path.join(worktree, 'lib', 'main.js')), InvalidWorktreeError);
    assert.throws(() => resolveInsideWorktree(path.join(base, 'missing'), 'x.js'), InvalidWorktreeError);
  });
});
