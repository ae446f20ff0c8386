import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exceptionOf, repl } from './support/fixtures';
import { useModuleSession } from './support/module-session';

describe('host module fs', () => {
  const ctx = useModuleSession({ modules: ['fs'] }, 'var fs = require("fs")');
  const { value, failure } = ctx;

  test('writeFileSync then readFileSync round-trips text in the worktree', async () => {
    assert.equal(await value('fs.writeFileSync("note.txt", "héllo\\n"); fs.readFileSync("note.txt")'), 'héllo\n');
    assert.equal(fs.readFileSync(path.join(ctx.tree.worktree, 'note.txt'), 'utf8'), 'héllo\n');
    assert.equal(await value('fs.readFileSync("note.txt", "base64")'), Buffer.from('héllo\n').toString('base64'));
    assert.equal(await value('fs.readFileSync("note.txt", { encoding: "utf8" })'), 'héllo\n');
    assert.match(await failure('fs.readFileSync("note.txt", "klingon")'), /Unsupported encoding: klingon/);
  });

  test('writeFileSync takes text only', async () => {
    assert.match(await failure('fs.writeFileSync("x.txt", { a: 1 })'), /data must be a string/);
    assert.match(await failure('fs.writeFileSync({ toString() { return "x.txt" } }, "a")'), /path must be a string/);
  });

  test('existsSync, mkdirSync and readdirSync', async () => {
    assert.equal(await value('fs.existsSync("made")'), false);
    assert.equal(await value('fs.mkdirSync("made"); fs.existsSync("made")'), true);
    assert.equal(await value('fs.mkdirSync("made/deep/er", { recursive: true }); fs.existsSync("made/deep/er")'), true);
    assert.ok(fs.statSync(path.join(ctx.tree.worktree, 'made', 'deep', 'er')).isDirectory());
    await value('fs.writeFileSync("made/b.txt", "b"); fs.writeFileSync("made/a.txt", "a")');
    assert.deepEqual(await value('fs.readdirSync("made")'), ['a.txt', 'b.txt', 'deep']);
    assert.ok(((await value('fs.readdirSync()')) as string[]).includes('made'), 'defaults to the worktree root');
  });

  test('file system errors keep Node code and message, with the guest path only', async () => {
    const missing = exceptionOf(await repl(ctx.session, 'fs.readFileSync("missing.txt")'));
    assert.equal(missing.message, "Error: ENOENT: no such file or directory, open 'missing.txt'");
    assert.equal(await value('try { fs.readFileSync("missing.txt") } catch (e) { e.code }'), 'ENOENT');
    assert.match(await failure('fs.mkdirSync("made")'), /^Error: EEXIST: file already exists, mkdir 'made'$/);
    assert.match(await failure('fs.readFileSync("made")'), /Not a regular file: made/);
    for (const message of [missing.message, missing.stack]) assert.ok(!message.includes(ctx.tree.base), message);
  });

  test('a FIFO cannot park the host; an oversized file is refused before reading', async () => {
    execFileSync('mkfifo', [path.join(ctx.tree.worktree, 'pipe')]);
    assert.match(await failure('fs.readFileSync("pipe")'), /Not a regular file: pipe/);
    assert.match(await failure('fs.writeFileSync("pipe", "x")'), /ENXIO|Not a regular file/);
    fs.writeFileSync(path.join(ctx.tree.worktree, 'huge.bin'), '');
    fs.truncateSync(path.join(ctx.tree.worktree, 'huge.bin'), 17 * 1024 * 1024);
    assert.match(await failure('fs.readFileSync("huge.bin")'), /File too large to read into the session: huge\.bin/);
  });

  test('hostile paths are refused: absolute, .., symlinks out (existing or dangling)', async () => {
    const attempts = [
      'fs.readFileSync("/etc/passwd")',
      `fs.readFileSync(${JSON.stringify(path.join(ctx.tree.worktree, 'note.txt'))})`,
      'fs.readFileSync("../outside/secret.txt")',
      'fs.readFileSync("made/../../outside/secret.txt")',
      'fs.readFileSync("escape-file.txt")',
      'fs.readFileSync("escape-dir/secret.txt")',
      'fs.writeFileSync("escape-dir/planted.txt", "x")',
      'fs.writeFileSync("dangling-out.txt", "x")',
      'fs.writeFileSync("../planted.txt", "x")',
      'fs.mkdirSync("escape-dir/newdir")',
      'fs.mkdirSync("../newdir", { recursive: true })',
      'fs.existsSync("../outside/secret.txt")',
      'fs.existsSync("/etc")',
      'fs.readdirSync("escape-dir")',
      'fs.readdirSync("..")',
      'fs.readFileSync("note.txt\\u0000")',
    ];
    for (const code of attempts) {
      const message = await failure(code);
      assert.match(message, /^Error: Path leaves the worktree: /, `${code} -> ${message}`);
    }
    assert.deepEqual(ctx.tree.outsideNames(), ['secret.txt'], 'nothing was written outside');
    assert.ok(!fs.existsSync(path.join(ctx.tree.base, 'planted.txt')));
    assert.ok(!fs.existsSync(path.join(ctx.tree.base, 'newdir')));
  });

  test('the session is still fine after all of that', async () => {
    assert.equal(await value('fs.readFileSync("note.txt")'), 'héllo\n');
  });
});
