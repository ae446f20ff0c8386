import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeSpec, repl, valueOf } from './support/fixtures';
import { useModuleSession } from './support/module-session';

describe('host module database', () => {
  const ctx = useModuleSession({ modules: ['database'] }, 'var db = require("database")');
  const { value, failure } = ctx;

  test('query before configure says what to do', async () => {
    assert.match(await failure('db.query("select 1")'), /No database configured: call configure\(driver, dsn\) first/);
  });

  test('configure :memory:, exec with params, query with params', async () => {
    assert.equal(await value('db.configure("sqlite", ":memory:")'), undefined);
    assert.deepEqual(await value('db.exec("create table t (id integer primary key, name text, flag, score real)")'), { rowsAffected: 0, lastInsertId: 0 });
    assert.deepEqual(await value('db.exec("insert into t (name, flag, score) values (?, ?, ?)", "ann", true, 1.5)'), { rowsAffected: 1, lastInsertId: 1 });
    assert.deepEqual(await value('db.exec("insert into t (name, flag, score) values (?, ?, ?)", "bob", false, null)'), { rowsAffected: 1, lastInsertId: 2 });
    assert.deepEqual(await value('db.query("select name, flag, score from t where id >= ? order by id", 1)'), [
      { name: 'ann', flag: 1, score: 1.5 },
      { name: 'bob', flag: 0, score: null },
    ]);
    assert.deepEqual(await value('db.query("select id from t where name = @name", { name: "bob" })'), [{ id: 2 }]);
    assert.deepEqual(await value('db.exec("update t set score = ?", 2)'), { rowsAffected: 2, lastInsertId: 2 });
    assert.deepEqual(await value('db.query("select count(*) as n from t where score = 2")'), [{ n: 2 }]);
    assert.deepEqual(await value('db.query("select x\'0102ff\' as b")'), [{ b: [1, 2, 255] }], 'BLOBs arrive as byte arrays');
  });

  test('exec runs a multi-statement script; query of a non-select returns []', async () => {
    const result = await value(`db.exec("create table s (v); insert into s values (1); insert into s values (2), (3);")`);
    assert.deepEqual(result, { rowsAffected: 3, lastInsertId: 3 });
    assert.deepEqual(await value('db.query("delete from s where v = ?", 1)'), []);
    assert.deepEqual(await value('db.query("select v from s order by v")'), [{ v: 2 }, { v: 3 }]);
  });

  test('SQL errors are exceptions with SQLite message and code', async () => {
    assert.equal(await failure('db.query("select * from nope")'), 'Error: no such table: nope');
    assert.equal(await failure('db.exec("SELEKT 1")'), 'Error: near "SELEKT": syntax error');
    assert.equal(await value('try { db.exec("insert into t (id) values (1)") } catch (e) { e.code }'), 'SQLITE_CONSTRAINT_PRIMARYKEY');
    assert.match(await failure('db.query("select ?", [1, 2])'), /Cannot bind a parameter of type array/);
    assert.match(await failure('db.query(42)'), /SQL must be a string/);
    assert.match(await failure('db.configure("postgres", ":memory:")'), /Unsupported database driver: postgres/);
  });

  test('rows are copies: mutating them changes nothing in the database', async () => {
    const code = `const rows = db.query("select name from t order by id");
      rows[0].name = "changed"; rows.push({ name: "extra" }); Object.setPrototypeOf(rows[1], null);
      db.query("select name from t order by id")`;
    assert.deepEqual(await value(code), [{ name: 'ann' }, { name: 'bob' }]);
  });

  test('a file in the worktree (sqlite3 driver): data persists across close and configure', async () => {
    assert.match(await failure('db.configure("sqlite3", "data/app.db")'), /directory does not exist/);
    fs.mkdirSync(path.join(ctx.tree.worktree, 'data'), { recursive: true });
    await value('db.configure("sqlite3", "data/app.db"); db.exec("create table kv (k text, v text)"); db.exec("insert into kv values (?, ?)", "a", "1")');
    assert.equal(await value('db.close()'), undefined);
    assert.match(await failure('db.query("select 1")'), /No database configured/);
    assert.deepEqual(await value('db.configure("sqlite", "data/app.db"); db.query("select * from kv")'), [{ k: 'a', v: '1' }]);
    const direct = new Database(path.join(ctx.tree.worktree, 'data', 'app.db'), { readonly: true });
    assert.deepEqual(direct.prepare('select * from kv').all(), [{ k: 'a', v: '1' }]);
    direct.close();
  });

  test('hostile dsn: absolute, .., symlink escapes and URIs are refused', async () => {
    for (const dsn of ['/tmp/evil.db', path.join(ctx.tree.worktree, 'abs.db'), '../evil.db', 'escape-dir/evil.db', 'dangling-out.txt', 'escape-file.txt']) {
      assert.match(await failure(`db.configure("sqlite", ${JSON.stringify(dsn)})`), /^Error: Path leaves the worktree: /, dsn);
    }
    assert.match(await failure('db.configure("sqlite", "file:../evil.db")'), /URI filenames are not supported/);
    assert.match(await failure('db.configure("sqlite", "")'), /dsn must not be empty/);
    assert.match(await failure('db.configure("sqlite")'), /dsn must be a string/);
    assert.deepEqual(ctx.tree.outsideNames(), ['secret.txt']);
  });

  test('SQL cannot reach other files: ATTACH, VACUUM INTO, load_extension', async () => {
    await value('db.configure("sqlite", ":memory:")');
    const evil = path.join(ctx.tree.outside, 'attached.db');
    const attempts = [
      `db.exec("ATTACH DATABASE '${evil}' AS evil")`,
      `db.exec("/* hi */ attach '${evil}' as evil")`,
      `db.query("select 1; ATTACH '${evil}' AS evil")`,
      `db.exec("create table z (a); ATTACH '${evil}' AS evil; create table evil.t (a)")`,
      `db.exec("VACUUM INTO '${path.join(ctx.tree.outside, 'copy.db')}'")`,
      `db.exec("vacuum main into ?", "${path.join(ctx.tree.outside, 'copy2.db')}")`,
    ];
    for (const code of attempts) assert.match(await failure(code), /(ATTACH|VACUUM INTO) is not allowed/, code);
    assert.match(await failure(`db.query("select load_extension('/tmp/x.so')")`), /not authorized/);
    assert.deepEqual(ctx.tree.outsideNames(), ['secret.txt'], 'no file was created outside the worktree');
    assert.deepEqual(await value(`db.query("select 'attach' as word, \\"a\\" from (select 1 as \\"a\\") -- attach")`), [{ word: 'attach', a: 1 }]);
  });

  test('the connection ends with the session', async () => {
    const own = await ctx.supervisor.start(makeSpec({ worktreePath: ctx.tree.worktree, modules: ['database'] }));
    valueOf(
      await repl(
        own,
        'const d = require("database"); d.configure("sqlite", "locked.db"); d.exec("create table a (x)"); d.exec("begin exclusive"); d.exec("insert into a values (1)")',
      ),
    );
    await own.close();
    const direct = new Database(path.join(ctx.tree.worktree, 'locked.db'));
    direct.prepare('insert into a values (2)').run();
    assert.deepEqual(direct.prepare('select x from a').all(), [{ x: 2 }], 'the uncommitted write was rolled back, the lock released');
    direct.close();
  });
});
