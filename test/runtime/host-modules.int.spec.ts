import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { SessionSupervisor, type RuntimeSession } from '@vm-system/runtime';
import { exceptionOf, makeSpec, repl, valueOf, type SpecOverrides } from './support/fixtures';
import { makeWorktree, type TestWorktree } from './support/worktree';

/** require(name) of host modules, what crosses the boundary, and the capabilities honoured. */
describe('host modules', () => {
  let supervisor: SessionSupervisor;
  let tree: TestWorktree;

  const start = (overrides: SpecOverrides) => supervisor.start(makeSpec({ worktreePath: tree.worktree, ...overrides }));
  const value = async (s: RuntimeSession, code: string) => valueOf(await repl(s, code)).json;
  const failure = async (s: RuntimeSession, code: string) => exceptionOf(await repl(s, code)).message;

  before(() => {
    // Hosts inherit this process's environment at fork, as they inherit the daemon's.
    process.env.VM_TEST_VISIBLE = 'visible value';
    process.env.VM_TEST_HIDDEN = 'hidden value';
    process.env.VM_TEST_DISABLED = 'disabled value';
    supervisor = new SessionSupervisor({ warmPoolMax: 1 });
    tree = makeWorktree();
  });

  after(async () => {
    await supervisor.shutdown();
    tree.remove();
  });

  test('modules the template does not enable stay "Invalid module: NAME"', async () => {
    const none = await start({});
    assert.equal(await failure(none, 'require("fs")'), 'Error: Invalid module: fs');
    const fsOnly = await start({ modules: ['fs'] });
    assert.equal(await failure(fsOnly, 'require("exec")'), 'Error: Invalid module: exec');
    assert.equal(await failure(fsOnly, 'require("database")'), 'Error: Invalid module: database');
    assert.equal(await failure(fsOnly, 'require("child_process")'), 'Error: Invalid module: child_process');
    assert.equal(await failure(fsOnly, 'require("FS")'), 'Error: Invalid module: FS');
    await Promise.all([none.close(), fsOnly.close()]);
  });

  test('a module is a frozen object of plain guest functions, the same object on every require', async () => {
    const s = await start({ modules: ['fs', 'exec', 'database'] });
    const shape = await value(
      s,
      `const names = (m) => Object.getOwnPropertyNames(require(m));
       ({
         fs: names("fs"), exec: names("exec"), database: names("database"),
         allFunctions: ["fs", "exec", "database"].every((m) => names(m).every((k) => typeof require(m)[k] === "function")),
         frozen: Object.isFrozen(require("fs")) && Object.isFrozen(require("fs").readFileSync),
         same: require("fs") === require("fs"),
         noPrototype: !("prototype" in require("fs").readFileSync),
         notNative: !String(require("database").query).includes("[native code]"),
         symbols: Object.getOwnPropertySymbols(require("fs")).length,
         name: require("fs").readFileSync.name,
         hidden: [typeof $0, typeof $1, typeof $2, typeof $3, typeof invoke, typeof hostModules],
       })`,
    );
    assert.deepEqual(shape, {
      fs: ['readFileSync', 'writeFileSync', 'existsSync', 'readdirSync', 'mkdirSync'],
      exec: ['run'],
      database: ['configure', 'query', 'exec', 'close'],
      allFunctions: true,
      frozen: true,
      same: true,
      noPrototype: true,
      notNative: true,
      symbols: 0,
      name: 'readFileSync',
      hidden: ['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined'],
    });
    assert.equal(await value(s, '"use strict"; try { require("fs").readFileSync = null; "assigned" } catch (e) { e.name }'), 'TypeError');
    // Strict functions: the caller chain does not lead into the runtime's closure.
    assert.match(await failure(s, 'require("fs").existsSync.caller'), /TypeError: 'caller'/);
    await s.close();
  });

  test('values are copies: mutating results affects nothing, nothing host-side leaks', async () => {
    const s = await start({ modules: ['fs', 'database'] });
    const probe = await value(
      s,
      `const fs = require("fs");
       fs.mkdirSync("copies"); fs.writeFileSync("copies/a.txt", "a");
       const list = fs.readdirSync("copies"); list.push("injected"); list[0] = "changed";
       const db = require("database"); db.configure("sqlite", ":memory:");
       const info = db.exec("create table t (x)"); info.rowsAffected = 99;
       const rows = db.query("select 1 as one"); rows[0].one = 2; rows[0].__proto__ = { polluted: true };
       ({
         list: fs.readdirSync("copies"),
         rows: db.query("select 1 as one"),
         protoOfRows: Object.getPrototypeOf(db.query("select 1 as one")) === Array.prototype,
         protoOfRow: Object.getPrototypeOf(db.query("select 1 as one")[0]) === Object.prototype,
         functionsInResults: JSON.stringify(db.query("select 1 as one")).includes("function"),
       })`,
    );
    assert.deepEqual(probe, {
      list: ['a.txt'],
      rows: [{ one: 1 }],
      protoOfRows: true,
      protoOfRow: true,
      functionsInResults: false,
    });
    await s.close();
  });

  test('errors from the host are guest Errors with their code', async () => {
    const s = await start({ modules: ['fs'] });
    const e = await value(
      s,
      `try { require("fs").readFileSync("nope.txt") } catch (e) {
         ({ isError: e instanceof Error, name: e.name, code: e.code, message: e.message, ctor: e.constructor === Error })
       }`,
    );
    assert.deepEqual(e, { isError: true, name: 'Error', code: 'ENOENT', message: "ENOENT: no such file or directory, open 'nope.txt'", ctor: true });
    await s.close();
  });

  test('guest tampering with built-ins does not break or redirect host module calls', async () => {
    const s = await start({ modules: ['fs', 'exec'] });
    valueOf(await repl(s, 'var fs = require("fs"); fs.writeFileSync("tamper.txt", "intact")'));
    const result = await value(
      s,
      `const realStringify = JSON.stringify;
       JSON.stringify = () => '["../../outside/secret.txt"]';
       JSON.parse = () => [0, "forged"];
       Object.defineProperty(Object.prototype, "0", { get() { return 1 }, configurable: true });
       Object.defineProperty(Object.prototype, "get", { value: () => "trap", configurable: true, writable: true });
       Array.prototype.toJSON = undefined;
       Object.freeze = (o) => o;
       Error = function Fake() {};
       const got = fs.readFileSync("tamper.txt");
       let escaped;
       try { fs.readFileSync("../outside/secret.txt"); escaped = true } catch (e) { escaped = false }
       const lateModule = typeof require("exec").run;
       delete Object.prototype[0]; delete Object.prototype.get;
       realStringify([got, escaped, lateModule])`,
    );
    assert.equal(result, '["intact",false,"function"]');
    await s.close();
  });

  test('hostile arguments: toJSON tricks and getters run in the guest; the host checks types', async () => {
    const s = await start({ modules: ['fs', 'exec'], limits: { cpu_ms: 300 } });
    assert.match(await failure(s, 'require("exec").run({ toString() { return "echo" } }, [])'), /cmd must be a non-empty string/);
    assert.match(await failure(s, 'require("exec").run("echo", [{ toString() { return "x" } }])'), /args must be an array of strings/);
    assert.match(await failure(s, 'require("fs").readFileSync({ toJSON() { return "../outside/secret.txt" } })'), /Path leaves the worktree/);
    const loop = await repl(s, 'require("fs").existsSync({ toJSON() { for (;;) {} } })');
    assert.equal(loop.outcome.status, 'timeout', 'a getter loop is guest code under cpu_ms');
    assert.equal(loop.outcome.crashed, undefined);
    await s.close();
  });

  describe('capabilities', () => {
    test('an enabled env capability exposes that one variable as env.NAME, nothing else', async () => {
      const s = await start({
        capabilities: [
          { kind: 'env', name: 'VM_TEST_VISIBLE', enabled: true, config: {} },
          { kind: 'env', name: 'VM_TEST_DISABLED', enabled: false, config: {} },
          { kind: 'env', name: 'VM_TEST_UNSET_ANYWHERE', enabled: true, config: {} },
          { kind: 'net', name: 'outbound', enabled: true, config: {} },
        ],
      });
      const seen = await value(
        s,
        `({ keys: Object.keys(env), visible: env.VM_TEST_VISIBLE, hidden: typeof env.VM_TEST_HIDDEN,
            frozen: Object.isFrozen(env), process: typeof process, fetch: typeof fetch })`,
      );
      assert.deepEqual(seen, { keys: ['VM_TEST_VISIBLE'], visible: 'visible value', hidden: 'undefined', frozen: true, process: 'undefined', fetch: 'undefined' });
      assert.equal(await value(s, 'let env = 1; env'), 1, 'user code may still declare its own env');
      await s.close();
    });

    test('without an enabled env capability there is no env global', async () => {
      const s = await start({ capabilities: [{ kind: 'env', name: 'VM_TEST_VISIBLE', enabled: false, config: {} }] });
      assert.equal(await value(s, 'typeof env'), 'undefined');
      await s.close();
    });

    test('fs read_only: writes throw, reads work; a disabled read_only capability changes nothing', async () => {
      fs.writeFileSync(`${tree.worktree}/readable.txt`, 'readable');
      const ro = await start({ modules: ['fs'], capabilities: [{ kind: 'fs', name: 'worktree', enabled: true, config: { read_only: true } }] });
      assert.equal(await value(ro, 'require("fs").readFileSync("readable.txt")'), 'readable');
      assert.match(await failure(ro, 'require("fs").writeFileSync("ro.txt", "x")'), /fs\.writeFileSync is not allowed: the session's fs capability is read_only/);
      assert.match(await failure(ro, 'require("fs").mkdirSync("ro-dir")'), /fs\.mkdirSync is not allowed/);
      assert.equal(await value(ro, 'try { require("fs").writeFileSync("ro.txt", "x") } catch (e) { e.code }'), 'EROFS');
      assert.ok(!fs.existsSync(`${tree.worktree}/ro.txt`));
      const rw = await start({ modules: ['fs'], capabilities: [{ kind: 'fs', name: 'worktree', enabled: false, config: { read_only: true } }] });
      assert.equal(await value(rw, 'require("fs").writeFileSync("rw.txt", "x"); require("fs").readFileSync("rw.txt")'), 'x');
      await Promise.all([ro.close(), rw.close()]);
    });
  });

  test('better-sqlite3 is loaded only once a session uses the database module', async () => {
    const loaded = (s: RuntimeSession) => fs.readFileSync(`/proc/${s.pid}/maps`, 'utf8').includes('better_sqlite3.node');
    const s = await start({ modules: ['fs', 'database'] });
    valueOf(await repl(s, 'require("fs").existsSync("x"); require("database")'));
    assert.equal(loaded(s), false, 'enabled and required, but never called');
    valueOf(await repl(s, 'require("database").configure("sqlite", ":memory:")'));
    assert.equal(loaded(s), true);
    await s.close();
  });
});
