import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { prepareSource } from '../../libs/runtime/src/host/repl-rewrite';

// The rewrite's output is plain JavaScript: run it in a node:vm context (one per REPL) the
// way the guest runtime does, unwrapping the async box and the thrown-value box.
const KEY = '__vm_thrown_test';

type Result = { kind: 'value'; value: unknown } | { kind: 'thrown'; thrown: unknown };

function makeRepl(kind: 'repl' | 'file' = 'repl', strict = false) {
  const context = vm.createContext({});
  return async (code: string): Promise<Result> => {
    const prepared = prepareSource(code, { kind, strict, thrownKey: KEY });
    const completion = new vm.Script(prepared.code, { filename: 'repl', lineOffset: prepared.lineOffset }).runInContext(context);
    if (prepared.mode === 'async') {
      try {
        const boxed = (await completion) as { value: unknown } | undefined;
        return { kind: 'value', value: boxed === undefined ? undefined : boxed.value };
      } catch (thrown) {
        return { kind: 'thrown', thrown };
      }
    }
    if (prepared.mode === 'sync' && completion !== null && typeof completion === 'object' && Object.hasOwn(completion, KEY)) {
      return { kind: 'thrown', thrown: (completion as Record<string, unknown>)[KEY] };
    }
    return { kind: 'value', value: completion };
  };
}

async function valueOf(run: (code: string) => Promise<Result>, code: string): Promise<unknown> {
  const result = await run(code);
  assert.equal(result.kind, 'value', `${code} threw ${String((result as { thrown?: unknown }).thrown)}`);
  return (result as { value: unknown }).value;
}

describe('completion values', () => {
  const cases: [string, unknown][] = [
    ['1+1', 2],
    ['var x = 1', undefined],
    ['for (let i = 0; i < 3; i++) i * 2', 4],
    ['if (true) { "yes" } else { "no" }', 'yes'],
    ['let a = 1; a + 1', 2],
    ['function f() {}', undefined],
    ['5; function g() {}', 5],
    ['function h() { return 3 }; h()', 3],
    ['class K {}', undefined],
    ['"use strict"; 5', 5],
  ];
  for (const [code, expected] of cases) {
    test(code, async () => {
      assert.equal(await valueOf(makeRepl(), code), expected);
    });
  }

  test('({a:1}) and {a:1} are object literals at the prompt, {a:1}; is a block', async () => {
    const run = makeRepl();
    // Objects from the vm realm have another Object.prototype: compare their JSON.
    assert.equal(JSON.stringify(await valueOf(run, '({a:1})')), '{"a":1}');
    assert.equal(JSON.stringify(await valueOf(run, '{a:1}')), '{"a":1}');
    assert.equal(await valueOf(run, '{a:1};'), 1);
  });
});

describe('declarations persist and can be re-declared', () => {
  test('let, const and class re-declaration', async () => {
    const run = makeRepl();
    await valueOf(run, 'let y = 1');
    await valueOf(run, 'let y = 2');
    assert.equal(await valueOf(run, 'y'), 2);
    await valueOf(run, 'const y = 3');
    assert.equal(await valueOf(run, 'y'), 3);
    await valueOf(run, 'class C { m() { return "a" } }');
    await valueOf(run, 'class C { m() { return "b" } }');
    assert.equal(await valueOf(run, 'new C().m()'), 'b');
    await valueOf(run, 'let y');
    assert.equal(await valueOf(run, 'y'), undefined);
  });

  test('destructuring declarations', async () => {
    const run = makeRepl();
    await valueOf(run, 'const { p, q: [r], ...rest } = { p: 1, q: [2], s: 3 }');
    assert.equal(JSON.stringify(await valueOf(run, '[p, r, rest.s]')), '[1,2,3]');
  });

  test('functions reach the global even in strict code', async () => {
    const run = makeRepl('repl', true);
    await valueOf(run, 'function twice(x) { return 2 * x }');
    assert.equal(await valueOf(run, 'twice(21)'), 42);
    await valueOf(run, '"use strict"; function thrice(x) { return 3 * x }');
    assert.equal(await valueOf(run, 'thrice(2)'), 6);
  });

  test('a function can be called before its declaration in the same input', async () => {
    assert.equal(await valueOf(makeRepl(), 'early(); function early() { return 1 }; early()'), 1);
  });
});

describe('top-level await', () => {
  test('value of the last expression, declarations hoisted to globals', async () => {
    const run = makeRepl();
    assert.equal(await valueOf(run, 'await Promise.resolve(7)'), 7);
    assert.equal(await valueOf(run, 'const w = await Promise.resolve(5)'), undefined);
    assert.equal(await valueOf(run, 'w'), 5);
    assert.equal(await valueOf(run, 'let w2 = await 1; class D {}; function fd() { return w2 } fd()'), 1);
    assert.equal(await valueOf(run, 'typeof D + typeof fd'), 'functionfunction');
    assert.equal(await valueOf(run, '(await Promise.resolve({ a: 1 })).a'), 1);
    assert.equal(await valueOf(run, 'let n = 0; for await (const v of [1, 2]) n += v; n'), 3);
  });

  test('a returned thenable is not adopted', async () => {
    const result = await makeRepl()('await null; ({ then(resolve) { resolve(99) } })');
    assert.equal(result.kind, 'value');
    assert.equal(typeof (result as { value: { then: unknown } }).value.then, 'function');
  });

  test('await inside nested functions or strings does not switch modes', () => {
    for (const code of ['"await"', 'async function g() { await 1 }', '(async () => await 1)()']) {
      assert.equal(prepareSource(code, { kind: 'repl', strict: false, thrownKey: KEY }).mode, 'sync', code);
    }
    assert.equal(prepareSource('await 1', { kind: 'repl', strict: false, thrownKey: KEY }).mode, 'async');
  });

  test('rejections are caught as thrown values', async () => {
    const result = await makeRepl()('await Promise.reject(new RangeError("nope"))');
    assert.equal(result.kind, 'thrown');
    assert.equal((result as { thrown: Error }).thrown.message, 'nope');
  });
});

describe('thrown values stay guest values', () => {
  for (const [code, expected] of [
    ['throw 42', 42],
    ['throw null', null],
    ['throw "s"', 's'],
  ] as const) {
    test(code, async () => {
      assert.deepEqual(await makeRepl()(code), { kind: 'thrown', thrown: expected });
    });
  }

  test("stack line numbers are the user's", async () => {
    const result = await makeRepl('file')('function boom() {\n  throw new Error("bad")\n}\nboom()');
    assert.equal(result.kind, 'thrown');
    const stack = String((result as { thrown: Error }).thrown.stack);
    assert.match(stack, /at boom \(repl:2:9\)/);
    assert.match(stack, /at repl:4:1/);
  });
});

describe('input acorn cannot parse is left to V8', () => {
  for (const code of ['1+', 'let a = 1; let a = 2', 'return 5', 'foo bar']) {
    test(code, () => {
      assert.deepEqual(prepareSource(code, { kind: 'repl', strict: false, thrownKey: KEY }), { code, lineOffset: 0, mode: 'raw' });
    });
  }

  test('a hashbang line is accepted in files', async () => {
    assert.equal(await valueOf(makeRepl('file'), '#!/usr/bin/env node\n6 * 7'), 42);
  });
});
