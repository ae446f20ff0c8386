import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionSupervisor, type RuntimeSession } from '@vm-system/runtime';
import { consoleLines, exceptionOf, makeSpec, repl, run, valueOf } from './support/fixtures';

describe('guest semantics in a session', () => {
  let supervisor: SessionSupervisor;
  let session: RuntimeSession;

  before(async () => {
    supervisor = new SessionSupervisor({ warmPoolMax: 1 });
    session = await supervisor.start(makeSpec({ modules: ['lodash'] }));
  });

  after(() => supervisor.shutdown());

  describe('REPL', () => {
    test('globals persist across runs', async () => {
      assert.equal(valueOf(await repl(session, 'var counter = 1')).type, 'undefined');
      assert.deepEqual(valueOf(await repl(session, 'counter += 1')), { type: 'number', preview: '2', json: 2 });
      assert.equal(valueOf(await repl(session, 'globalThis.counter')).json, 2);
      await repl(session, 'function twice(x) { return 2 * x }');
      assert.equal(valueOf(await repl(session, 'twice(21)')).json, 42);
    });

    test("let, const and class can be re-declared like in Node's REPL", async () => {
      valueOf(await repl(session, 'let y = 1'));
      valueOf(await repl(session, 'let y = 2'));
      assert.equal(valueOf(await repl(session, 'y')).json, 2);
      valueOf(await repl(session, 'const y = 3'));
      assert.equal(valueOf(await repl(session, 'y')).json, 3);
      valueOf(await repl(session, 'class Greeter { hi() { return "a" } }'));
      valueOf(await repl(session, 'class Greeter { hi() { return "b" } }'));
      assert.equal(valueOf(await repl(session, 'new Greeter().hi()')).json, 'b');
    });

    test('top-level await', async () => {
      assert.equal(valueOf(await repl(session, 'await Promise.resolve(7)')).json, 7);
      assert.equal(valueOf(await repl(session, 'const awaited = await Promise.resolve("later")')).type, 'undefined');
      assert.equal(valueOf(await repl(session, 'awaited')).json, 'later');
      const rejected = exceptionOf(await repl(session, 'await Promise.reject(new RangeError("nope"))'));
      assert.equal(rejected.message, 'RangeError: nope');
      assert.match(rejected.stack, /repl:1/);
    });

    test('completion values', async () => {
      assert.deepEqual(valueOf(await repl(session, '1+1')), { type: 'number', preview: '2', json: 2 });
      assert.deepEqual(valueOf(await repl(session, 'var x = 1')), { type: 'undefined', preview: 'undefined' });
      assert.equal(valueOf(await repl(session, 'for (let i = 0; i < 3; i++) i * 2')).json, 4);
      assert.deepEqual(valueOf(await repl(session, '({a:1})')), { type: 'object', preview: '{ a: 1 }', json: { a: 1 } });
      assert.equal(valueOf(await repl(session, 'function declared() {}')).type, 'undefined');
    });

    test('syntax errors are exceptions, not crashes', async () => {
      const unexpected = exceptionOf(await repl(session, 'let = = 1'));
      assert.match(unexpected.message, /^SyntaxError: Unexpected token/);
      assert.match(unexpected.stack, /^repl:1\n/);
      const eoi = exceptionOf(await repl(session, '1+'));
      assert.equal(eoi.message, 'SyntaxError: Unexpected end of input');
      const dup = exceptionOf(await repl(session, 'let a = 1; let a = 2'));
      assert.equal(dup.message, "SyntaxError: Identifier 'a' has already been declared");
      assert.equal(valueOf(await repl(session, '"still fine"')).json, 'still fine');
    });
  });

  describe('values', () => {
    const previews: [string, string, string, unknown?][] = [
      ["'hi'", 'string', "'hi'", 'hi'],
      ['null', 'null', 'null', null],
      ['true', 'boolean', 'true', true],
      ['[1, 2, 3]', 'array', '[ 1, 2, 3 ]', [1, 2, 3]],
      ["({ a: 1, b: 'x' })", 'object', "{ a: 1, b: 'x' }", { a: 1, b: 'x' }],
      ['({ a: { b: { c: { d: 1 } } } })', 'object', '{ a: { b: { c: [Object] } } }', { a: { b: { c: { d: 1 } } } }],
      ['new Map([["k", 1]])', 'object', "Map(1) { 'k' => 1 }", {}],
      ['new Date(0)', 'object', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'],
    ];
    for (const [code, type, preview, json] of previews) {
      test(code, async () => {
        assert.deepEqual(valueOf(await repl(session, code)), { type, preview, json });
      });
    }

    const withoutJson: [string, string, string][] = [
      ['undefined', 'undefined', 'undefined'],
      ['(function named() {})', 'function', '[Function: named]'],
      ['class K {}; K', 'function', '[class K]'],
      ["Symbol('x')", 'symbol', 'Symbol(x)'],
      ['123n', 'bigint', '123n'],
      ['NaN', 'number', 'NaN'],
      ['-Infinity', 'number', '-Infinity'],
      ['const cyc = { a: 1 }; cyc.self = cyc; cyc', 'object', '<ref *1> { a: 1, self: [Circular *1] }'],
    ];
    for (const [code, type, preview] of withoutJson) {
      test(`${code} has no json`, async () => {
        assert.deepEqual(valueOf(await repl(session, code)), { type, preview });
      });
    }

    test('a getter on the returned object is not run for the preview', async () => {
      const value = valueOf(await repl(session, 'var getterRuns = 0; ({ get g() { getterRuns++; return 1 } })'));
      assert.equal(value.preview, '{ g: [Getter] }');
      assert.deepEqual(value.json, { g: 1 }, 'JSON.stringify does call it, inside the guest');
      assert.equal(valueOf(await repl(session, 'getterRuns')).json, 1);
    });
  });

  describe('console', () => {
    test('Node-like formatting, levels, in order and before the value', async () => {
      const c = await repl(
        session,
        [
          "console.log('%s is %d years, %i%%', 'Bob', 42.5, 7.9)",
          "console.info({ a: 1, b: 'x' }, [1, 2, 3])",
          "console.warn(function f() {}, Symbol('x'), 123n, null, undefined)",
          "console.error('%j', { j: [1] })",
          "console.debug('raw string', 'two')",
          'console.log({ deep: { er: { est: { x: 1 } } } })',
          "'done'",
        ].join('\n'),
      );
      assert.deepEqual(consoleLines(c), [
        { level: 'log', text: 'Bob is 42.5 years, 7%' },
        { level: 'info', text: "{ a: 1, b: 'x' } [ 1, 2, 3 ]" },
        { level: 'warn', text: '[Function: f] Symbol(x) 123n null undefined' },
        { level: 'error', text: '{"j":[1]}' },
        { level: 'debug', text: 'raw string two' },
        { level: 'log', text: '{ deep: { er: { est: [Object] } } }' },
      ]);
      assert.deepEqual(
        c.events.map((e) => e.type),
        ['console', 'console', 'console', 'console', 'console', 'console', 'value'],
      );
    });

    test('errors print with their stack, cycles are marked', async () => {
      const c = await repl(session, "console.log(new Error('shown')); const loop = { name: 'l' }; loop.me = loop; console.log(loop)");
      const [error, cycle] = consoleLines(c);
      assert.match(error.text, /^Error: shown\n {4}at repl:1:13/);
      assert.equal(cycle.text, "<ref *1> { name: 'l', me: [Circular *1] }");
    });

    test('with runtime.strict every input is strict code, and declarations still persist', async () => {
      const strict = await supervisor.start(makeSpec({ runtime: { strict: true } }));
      try {
        const e = exceptionOf(await repl(strict, 'undeclared = 1'));
        assert.equal(e.message, 'ReferenceError: undeclared is not defined');
        valueOf(await repl(strict, 'function strictFn() { return this === undefined }'));
        assert.equal(valueOf(await repl(strict, 'strictFn()')).json, true);
        valueOf(await repl(strict, 'let s = 1'));
        valueOf(await repl(strict, 'let s = 2'));
        assert.equal(valueOf(await repl(strict, 's')).json, 2);
      } finally {
        await strict.close();
      }
    });

    test('with runtime.console false the methods exist but record nothing', async () => {
      const quiet = await supervisor.start(makeSpec({ runtime: { console: false } }));
      try {
        const c = await repl(quiet, "console.log('x'); console.error('y'); typeof console.log");
        assert.deepEqual(consoleLines(c), []);
        assert.equal(valueOf(c).json, 'function');
      } finally {
        await quiet.close();
      }
    });
  });

  describe('exceptions', () => {
    test('Error subclasses give "Name: message" and a stack naming repl', async () => {
      const e = exceptionOf(await repl(session, 'null.x'));
      assert.equal(e.message, "TypeError: Cannot read properties of null (reading 'x')");
      assert.match(e.stack, /^TypeError: Cannot read properties of null \(reading 'x'\)\n {4}at repl:1:6$/);
      const custom = exceptionOf(await repl(session, 'class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr" } }; throw new MyErr("bad")'));
      assert.equal(custom.message, 'MyErr: bad');
    });

    test('thrown non-errors give a sensible message', async () => {
      assert.equal(exceptionOf(await repl(session, 'throw 42')).message, 'Uncaught 42');
      assert.equal(exceptionOf(await repl(session, 'throw null')).message, 'Uncaught null');
      assert.equal(exceptionOf(await repl(session, 'throw { code: 1 }')).message, 'Uncaught { code: 1 }');
    });

    test('stacks carry no isolate boundary and no runtime frames', async () => {
      const e = exceptionOf(await repl(session, 'require("nope")'));
      assert.equal(e.message, 'Error: Invalid module: nope');
      assert.doesNotMatch(e.stack, /isolated-vm|vm-system:runtime/);
      assert.match(e.stack, /at repl:1:1/);
    });

    test("an unhandled rejection surfaces as the run's exception", async () => {
      const e = exceptionOf(await repl(session, 'Promise.reject(new Error("late")); 7'));
      assert.equal(e.message, 'Error: late');
      assert.doesNotMatch(e.stack, /isolated-vm boundary/);
    });
  });

  describe('files', () => {
    test('the worktree-relative filename names the file in stack traces', async () => {
      const c = await run(session, { kind: 'file', filename: 'lib/tool.js', code: 'function boom() {\n  throw new Error("bad")\n}\nboom()' });
      const e = exceptionOf(c);
      assert.equal(e.message, 'Error: bad');
      assert.match(e.stack, /at boom \(lib\/tool\.js:2:9\)\n {4}at lib\/tool\.js:4:1/);
    });

    test('syntax errors in files name the file and line', async () => {
      const e = exceptionOf(await run(session, { kind: 'file', filename: 'bad.js', code: 'const ok = 1;\nfoo bar' }));
      assert.equal(e.message, "SyntaxError: Unexpected identifier 'bar'");
      assert.match(e.stack, /^bad\.js:2\nfoo bar\n {4}\^/);
    });

    test('__ARGS__ (default {}) and __ENV__ are set before the file runs', async () => {
      const withArgs = await run(session, { kind: 'file', filename: 'args.js', code: '__ARGS__', args: { n: 1, s: 'x' }, env: { MODE: 'test' } });
      assert.deepEqual(valueOf(withArgs).json, { n: 1, s: 'x' });
      assert.equal(valueOf(await repl(session, '__ENV__.MODE')).json, 'test');
      const without = await run(session, { kind: 'file', filename: 'args.js', code: 'JSON.stringify(__ARGS__)' });
      assert.equal(valueOf(without).json, '{}');
    });

    test("a file's top-level declarations become session globals", async () => {
      valueOf(await run(session, { kind: 'file', filename: 'lib/helpers.js', code: 'const helper = (x) => x + 1;\nfunction other() { return 2 }' }));
      assert.equal(valueOf(await repl(session, 'helper(other())')).json, 3);
      valueOf(await repl(session, 'let helper = 5'));
    });
  });

  describe('no host reachable', () => {
    test('no process, no host objects, the usual aliases', async () => {
      assert.equal(valueOf(await repl(session, 'typeof process')).json, 'undefined');
      assert.equal(valueOf(await repl(session, 'typeof $0 + typeof $1')).json, 'undefinedundefined');
      assert.equal(valueOf(await repl(session, 'console.log.constructor("return typeof process")()')).json, 'undefined');
      assert.equal(valueOf(await repl(session, 'self === globalThis')).json, true);
      const globals = valueOf(
        await repl(
          session,
          'Object.getOwnPropertyNames(globalThis).filter((n) => /^(ivm|Reference|Callback|ExternalCopy|Isolate|Context|NativeModule|\\$\\d+)$|isolated/i.test(n))',
        ),
      );
      assert.deepEqual(globals.json, []);
    });

    test('require: unknown modules are invalid, template modules are not available yet', async () => {
      assert.equal(valueOf(await repl(session, 'typeof require')).json, 'function');
      assert.equal(exceptionOf(await repl(session, 'typeof require("child_process")')).message, 'Error: Invalid module: child_process');
      assert.equal(exceptionOf(await repl(session, 'require("lodash")')).message, 'Error: Module not available yet: lodash');
    });
  });
});
