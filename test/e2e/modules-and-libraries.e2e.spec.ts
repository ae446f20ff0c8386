import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiError, Session } from '@vm-system/client';
import { runCli } from '../support/cli';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, makeWorktree } from '../support/fixtures';
import { LocalRegistry, startLocalRegistry } from '../support/local-registry';
import { tempDir } from '../support/paths';

const ALL_LIBRARIES = ['lodash', 'moment', 'axios', 'ramda', 'dayjs', 'zustand'];

describe('host modules and catalog libraries through the daemon', () => {
  let registry: LocalRegistry;
  let daemon: TestDaemon;
  const cacheDir = join(tempDir(), 'libraries');
  before(async () => {
    registry = await startLocalRegistry();
    const download = await runCli(['libs', 'download', '--cache-dir', cacheDir, '--registry', registry.url]);
    assert.equal(download.code, 0, download.stderr);
    process.env.VM_SYSTEM_TEST_SECRET = 'visible-by-capability';
    daemon = await startDaemon({ extraArgs: ['--cache-dir', cacheDir] });
  });
  after(async () => {
    await daemon.stop();
    await registry.close();
  });

  const repl = async (sessionId: string, code: string) => {
    const run = await daemon.client.repl(sessionId, code);
    assert.equal(run.status, 'ok', JSON.stringify(run.error));
    return run.result!.json;
  };

  test('every catalog library is in the global scope, loaded before startup files', async () => {
    const templateId = await makeTemplate(daemon.client);
    for (const name of ALL_LIBRARIES) await daemon.client.addLibrary(templateId, name);
    await daemon.client.addStartupFile(templateId, { path: 'boot.js' });
    const { id } = await makeSession(daemon.client, { templateId, files: { 'boot.js': 'globalThis.chunked = _.chunk([1, 2, 3, 4], 2)' } });
    assert.deepEqual(await repl(id, 'chunked'), [
      [1, 2],
      [3, 4],
    ]);
    assert.equal(await repl(id, '_.chunk([1, 2, 3, 4], 2).length'), 2);
    assert.equal(await repl(id, 'moment.utc(0).format("YYYY-MM-DD")'), '1970-01-01');
    assert.deepEqual(await repl(id, 'R.map((x) => x * 2, [1, 2, 3])'), [2, 4, 6]);
    assert.equal(await repl(id, 'dayjs("2020-06-01T12:00:00Z").year()'), 2020);
    assert.equal(await repl(id, 'const store = zustand.createStore((set) => ({ n: 1, inc: () => set((s) => ({ n: s.n + 1 })) })); store.getState().inc(); store.getState().n'), 2);
    assert.equal(await repl(id, 'typeof axios.get + ":" + typeof axios.create'), 'function:function');
  });

  /**
   * A daemon reading libraries from cacheDir, a template with one library, a session create
   * that must fail: answers the error and the session it left behind (the daemon is stopped).
   */
  const failedCreate = async (cacheDir: string, library: string): Promise<{ error: ApiError; session: Session }> => {
    const other = await startDaemon({ extraArgs: ['--cache-dir', cacheDir] });
    try {
      const templateId = await makeTemplate(other.client);
      await other.client.addLibrary(templateId, library);
      const error: ApiError = await other.client.createSession({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: makeWorktree() }).then(
        () => assert.fail('expected the create to fail'),
        (e) => e,
      );
      const session = await other.client.getSession(error.envelope.error.details!.session_id as string);
      assert.deepEqual(await other.client.health(), { status: 'ok' });
      return { error, session };
    } finally {
      await other.stop();
    }
  };

  test('a library missing from the cache, or changed in it: 422 LIBRARY_NOT_CACHED naming the fix, session crashed', async () => {
    const emptyCache = join(tempDir(), 'empty-cache');
    const missing = await failedCreate(emptyCache, 'ramda');
    assert.equal(missing.error.status, 422);
    assert.equal(missing.error.code, 'LIBRARY_NOT_CACHED');
    assert.equal(
      missing.error.message,
      `library ramda-0.29.0 is not in the library cache ${emptyCache} (no manifest entry); run: vm-system libs download --cache-dir ${emptyCache}`,
    );
    assert.equal(missing.session.status, 'crashed');
    assert.equal(missing.session.last_error, missing.error.message, 'last_error is the message the create answered');

    const tamperedCache = join(tempDir(), 'tampered');
    assert.equal((await runCli(['libs', 'download', '--cache-dir', tamperedCache, '--registry', registry.url])).code, 0);
    appendFileSync(join(tamperedCache, 'dayjs-1.11.10.js'), '\nglobalThis.pwned = true;');
    const tampered = await failedCreate(tamperedCache, 'dayjs');
    assert.equal(tampered.error.code, 'LIBRARY_NOT_CACHED');
    assert.equal(
      tampered.error.message,
      `library dayjs-1.11.10 is not in the library cache ${tamperedCache} (dayjs-1.11.10.js does not match its sha256 in the manifest); run: vm-system libs download --cache-dir ${tamperedCache}`,
    );
    assert.equal(tampered.session.status, 'crashed');
    assert.equal(tampered.session.last_error, tampered.error.message);
  });

  test('a cached library that throws while loading: 422 STARTUP_FAILED, session crashed, daemon fine', async () => {
    const brokenCache = join(tempDir(), 'broken');
    mkdirSync(brokenCache, { recursive: true });
    const code = 'throw new Error("broken bundle")';
    writeFileSync(join(brokenCache, 'lodash-4.17.21.js'), code);
    const sha256 = createHash('sha256').update(code).digest('hex');
    const manifest = { 'lodash-4.17.21': { file: 'lodash-4.17.21.js', sha256, integrity: 'sha512-test', size: code.length, fetched_at: new Date().toISOString() } };
    writeFileSync(join(brokenCache, 'manifest.json'), JSON.stringify(manifest));
    const { error, session } = await failedCreate(brokenCache, 'lodash');
    assert.equal(error.status, 422);
    assert.equal(error.code, 'STARTUP_FAILED');
    assert.equal(error.message, 'The session runtime could not start: Session failed to start: broken bundle');
    assert.equal(session.status, 'crashed');
    assert.equal(session.last_error, error.message);
  });

  describe('modules', () => {
    let sessionId: string;
    /** The worktree's parent: `outside.txt` sits next to the worktree, where `..` leads. */
    let parent: string;
    before(async () => {
      const templateId = await makeTemplate(daemon.client, { limits: { wall_ms: 3000 } });
      for (const name of ['database', 'exec', 'fs']) await daemon.client.addModule(templateId, name);
      await daemon.client.addCapability(templateId, { kind: 'env', name: 'VM_SYSTEM_TEST_SECRET' });
      parent = realpathSync(tempDir());
      const worktree = join(parent, 'worktree');
      mkdirSync(join(worktree, 'data'), { recursive: true });
      writeFileSync(join(worktree, 'data', 'in.txt'), 'hello from the worktree');
      writeFileSync(join(parent, 'outside.txt'), 'outside');
      symlinkSync(parent, join(worktree, 'up-link'));
      const session = await daemon.client.createSession({ template_id: templateId, workspace_id: 'ws-test', base_commit_oid: 'abc123', worktree_path: worktree });
      sessionId = session.id;
    });

    test('fs reads and writes inside the worktree', async () => {
      assert.equal(await repl(sessionId, 'require("fs").readFileSync("data/in.txt")'), 'hello from the worktree');
      await repl(sessionId, 'const fs = require("fs"); fs.mkdirSync("out/nested", { recursive: true }); fs.writeFileSync("out/nested/a.txt", "written")');
      assert.deepEqual(await repl(sessionId, '[fs.existsSync("out/nested/a.txt"), fs.readdirSync("out/nested"), fs.readFileSync("out/nested/a.txt")]'), [
        true,
        ['a.txt'],
        'written',
      ]);
    });

    test('database: configure, exec with params, query, SQL errors as exceptions, close', async () => {
      await repl(sessionId, 'const db = require("database"); db.configure("sqlite", "data/app.db"); db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")');
      assert.deepEqual(await repl(sessionId, 'db.exec("INSERT INTO t (name) VALUES (?)", "ada")'), { rowsAffected: 1, lastInsertId: 1 });
      assert.deepEqual(await repl(sessionId, 'db.query("SELECT id, name FROM t WHERE name = ?", "ada")'), [{ id: 1, name: 'ada' }]);
      const bad = await daemon.client.repl(sessionId, 'db.query("SELECT * FROM missing_table")');
      assert.equal(bad.status, 'error');
      assert.match(bad.error!.message, /no such table: missing_table/);
      await repl(sessionId, 'db.close()');
    });

    test('exec runs a program in the worktree without a shell', async () => {
      assert.equal(await repl(sessionId, 'require("exec").run("cat", ["data/in.txt"])'), 'hello from the worktree');
      assert.equal(await repl(sessionId, 'require("exec").run("echo", ["$(id)"]).trim()'), '$(id)');
      const failing = await daemon.client.repl(sessionId, 'require("exec").run("node", ["-e", "console.log(\'partial\'); process.exit(3)"])');
      assert.equal(failing.status, 'error');
      assert.equal(failing.error!.message, 'Error: Command failed with exit code 3: node -e "console.log(\'partial\'); process.exit(3)"\npartial\n');
      const caught = await repl(
        sessionId,
        'try { require("exec").run("node", ["-e", "console.log(\'partial\'); process.exit(3)"]) } catch (e) { ({ exitCode: e.exitCode, output: e.output }) }',
      );
      assert.deepEqual(caught, { exitCode: 3, output: 'partial\n' });
    });

    test('the env capability shows only the named variable', async () => {
      assert.deepEqual(await repl(sessionId, 'Object.keys(env)'), ['VM_SYSTEM_TEST_SECRET']);
      assert.equal(await repl(sessionId, 'env.VM_SYSTEM_TEST_SECRET'), 'visible-by-capability');
    });

    test('hostile paths through fs, database and exec are refused with the documented error; nothing lands outside', async () => {
      const elsewhere = join(parent, 'elsewhere.db');
      const leaves = (path: string, why = 'it leads outside the worktree') => `Error: Path leaves the worktree: ${path} (${why})`;
      const absolute = 'absolute paths are not allowed';
      const throughLink = 'a symlink leads outside the worktree';
      const refusals: [code: string, message: string, errorCode: string][] = [
        ['require("fs").readFileSync("/etc/passwd")', leaves('/etc/passwd', absolute), 'PATH_ESCAPE'],
        ['require("fs").readFileSync("../outside.txt")', leaves('../outside.txt'), 'PATH_ESCAPE'],
        ['require("fs").existsSync("../outside.txt")', leaves('../outside.txt'), 'PATH_ESCAPE'],
        ['require("fs").writeFileSync("../escape.txt", "x")', leaves('../escape.txt'), 'PATH_ESCAPE'],
        ['require("fs").writeFileSync("../outside.txt", "overwritten")', leaves('../outside.txt'), 'PATH_ESCAPE'],
        ['require("fs").mkdirSync("../planted", { recursive: true })', leaves('../planted'), 'PATH_ESCAPE'],
        ['require("fs").writeFileSync("up-link/planted.txt", "x")', leaves('up-link/planted.txt', throughLink), 'PATH_ESCAPE'],
        ['require("fs").readFileSync("up-link/outside.txt")', leaves('up-link/outside.txt', throughLink), 'PATH_ESCAPE'],
        [`require("database").configure("sqlite", ${JSON.stringify(elsewhere)})`, leaves(elsewhere, absolute), 'PATH_ESCAPE'],
        ['require("database").configure("sqlite", "../up.db")', leaves('../up.db'), 'PATH_ESCAPE'],
        ['require("exec").run("ls", ["."], { cwd: "/" })', 'Error: exec.run takes (cmd, args): options such as cwd are not supported', 'ERR_INVALID_ARG_VALUE'],
      ];
      for (const [code, message, errorCode] of refusals) {
        const run = await daemon.client.repl(sessionId, code);
        assert.equal(run.status, 'error', code);
        assert.equal(run.error!.message, message, code);
        assert.equal(await repl(sessionId, `(() => { try { ${code}; return 'not refused' } catch (e) { return e.code } })()`), errorCode, code);
      }
      assert.deepEqual(readdirSync(parent).sort(), ['outside.txt', 'worktree'], 'nothing was written next to the worktree');
      assert.equal(readFileSync(join(parent, 'outside.txt'), 'utf8'), 'outside', 'the file outside is untouched');
      assert.equal((await daemon.client.getSession(sessionId)).status, 'ready');
    });

    test('modules the template does not enable stay unavailable', async () => {
      const { id } = await makeSession(daemon.client);
      const run = await daemon.client.repl(id, 'require("fs")');
      assert.equal(run.status, 'error');
      assert.match(run.error!.message, /Invalid module: fs/);
    });
  });
});
