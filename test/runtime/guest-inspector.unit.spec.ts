import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import vm from 'node:vm';
import { createGuestInspector, guestInspectorSource, type GuestInspector } from '../../libs/runtime/src/guest/inspector';

// The inspector runs inside the isolate from its source text; building it from that text in a
// fresh V8 context proves it is self-contained, and lets us tamper with that realm's built-ins.
function inspectorInFreshRealm(): { inspector: GuestInspector; context: vm.Context } {
  const context = vm.createContext({});
  const inspector = vm.runInContext(guestInspectorSource(), context) as GuestInspector;
  return { inspector, context };
}

const g = createGuestInspector();

class Foo {
  a = 1;
}
class Bar extends Foo {}

function corpus(): unknown[] {
  const cyclic: Record<string, unknown> = { name: 'c' };
  cyclic.self = cyclic;
  cyclic.list = [cyclic];
  return [
    1,
    -0,
    1.5,
    NaN,
    -Infinity,
    123n,
    'hi',
    "it's",
    'a\nb',
    'tab\there',
    Symbol('x'),
    undefined,
    null,
    true,
    { a: 1, b: 'x' },
    [1, 2, 3],
    [],
    {},
    function f() {},
    () => {},
    class C {},
    Bar,
    async function af() {},
    function* gen() {},
    async function* agen() {},
    { a: { b: { c: { d: 1 } } } },
    [[[[1]]]],
    cyclic,
    new Foo(),
    Object.create(null),
    Object.assign(Object.create(null), { x: 1 }),
    new Map<unknown, unknown>([
      ['a', 1],
      ['b', { c: 2 }],
    ]),
    new Set([1, 'two']),
    new Map(),
    new Set(),
    new Date(0),
    new Date(NaN),
    /ab+c/gi,
    new Uint8Array([1, 2, 3]),
    new Float64Array(0),
    new ArrayBuffer(4),
    Array.from({ length: 30 }, (_, i) => i),
    Array.from({ length: 120 }, (_, i) => i * 1000),
    Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat((i % 5) + 1)),
    // eslint-disable-next-line no-sparse-arrays
    [1, , 3],
    new Array(5),
    { 'a-b': 1, [Symbol('s')]: 2, __proto__x: 3 },
    {
      get g() {
        return 1;
      },
      set s(_v: unknown) {},
      get gs() {
        return 1;
      },
      set gs(_v: unknown) {},
    },
    { long: 'x'.repeat(100), other: 'y'.repeat(50) },
    'multi\nline\nstring that is rather long, longer than eighty characters in total',
    Array.from({ length: 10 }, (_, i) => ({ id: i, name: `item${i}` })),
    new Number(3),
    new String('ab'),
    Object(1n),
    new Boolean(false),
    Object(Symbol('boxed')),
    new WeakMap(),
    new WeakSet(),
    { f() {}, g: function () {}, h: async () => {} },
    [undefined, null],
    { nested: [1, [2, [3, [4, [5]]]]] },
    ['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew'],
    { a: [1, 2, { b: [3, 4, { c: 5 }] }] },
    Object.assign(() => {}, { extra: true }),
    { [Symbol.toStringTag]: 'Tagged' },
    Object.defineProperty({}, 'hidden', { value: 1, enumerable: false }),
    new (class MyMap extends Map<number, number> {})([[1, 2]]),
    [new Error('inner')].length,
    'emoji 😀 and ünïcödé',
  ];
}

/**
 * The guest's inspector is Node 20's util.inspect, ported: a session's output must not change
 * with the daemon's Node (a restore compares it with the ledger's). Where a later Node line
 * formats differently, Node 20's rendering is what the guest keeps.
 */
const NODE_20_RENDERING: Record<string, string> = {
  // Node 22's rendering: Node 20's.
  'ArrayBuffer { [Uint8Contents]: <00 00 00 00>, [byteLength]: 4 }': 'ArrayBuffer { [Uint8Contents]: <00 00 00 00>, byteLength: 4 }',
  'MyMap(1) { 1 => 2 }': 'MyMap(1) [Map] { 1 => 2 }',
};
const NODE_LINE = Number(process.versions.node.split('.')[0]);

describe('inspect matches util.inspect (of Node 20, whose rendering the guest keeps)', () => {
  for (const value of corpus()) {
    const label = util.inspect(value, { breakLength: Infinity }).slice(0, 60);
    test(label, () => {
      const hosts = util.inspect(value);
      const expected = NODE_LINE === 20 ? hosts : (NODE_20_RENDERING[hosts] ?? hosts);
      assert.equal(g.inspect(value), expected);
    });
  }

  test('errors print their stack, with own properties after it', () => {
    const plain = new TypeError('bad');
    assert.equal(g.inspect(plain), util.inspect(plain));
    const withCode = Object.assign(new Error('x'), { code: 'E1' });
    assert.equal(g.inspect(withCode), util.inspect(withCode));
    assert.equal(g.inspect({ e: plain }), util.inspect({ e: plain }));
  });

  test('custom inspect hooks are honoured', () => {
    const value = { [Symbol.for('nodejs.util.inspect.custom')]: () => 'CUSTOM' };
    assert.equal(g.inspect({ v: value }), util.inspect({ v: value }));
  });

  test('getters are not invoked', () => {
    let calls = 0;
    const value = {
      get x() {
        calls += 1;
        return 1;
      },
    };
    assert.equal(g.inspect(value), '{ x: [Getter] }');
    assert.equal(calls, 0);
  });
});

describe('formatArgs matches util.format', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const cases: unknown[][] = [
    ['%s %d %i %f %j %o %O %%', 'str', 42.5, 42.5, '3.5x', { a: 1 }, [1], { b: 2 }],
    ['a', 1, 'b', { c: 1 }],
    [{ a: 1 }, 'x'],
    ['%s', { a: { b: { c: 1 } } }],
    ['%s', 12n],
    ['%d', '0x10'],
    ['100%'],
    ['%c styled', 'color: red'],
    ['%j', cyclic],
    ['%s', Symbol('q')],
    ['%s', new Foo()],
    ['%s', [1, [2]]],
    ['%s:%s', 'a'],
    [new Error('e')],
    ['%i', 3.9],
    ['%d', 12n],
    ['%s', null],
    ['%s', undefined],
    [Symbol('x'), 123n, function f() {}],
    ['%x unknown', 1],
    [],
  ];
  for (const args of cases) {
    test(JSON.stringify(args.map(String)), () => {
      assert.equal(g.formatArgs(args), util.format(...args));
    });
  }
});

describe('describeValue', () => {
  test('types and JSON forms', () => {
    assert.deepEqual(g.describeValue(42), { type: 'number', preview: '42', jsonText: '42' });
    assert.deepEqual(g.describeValue('hi'), { type: 'string', preview: "'hi'", jsonText: '"hi"' });
    assert.deepEqual(g.describeValue(null), { type: 'null', preview: 'null', jsonText: 'null' });
    assert.deepEqual(g.describeValue(undefined), { type: 'undefined', preview: 'undefined' });
    assert.deepEqual(g.describeValue([1, 2]), { type: 'array', preview: '[ 1, 2 ]', jsonText: '[1,2]' });
    assert.deepEqual(g.describeValue({ a: 1 }), { type: 'object', preview: '{ a: 1 }', jsonText: '{"a":1}' });
    assert.deepEqual(g.describeValue(true), { type: 'boolean', preview: 'true', jsonText: 'true' });
  });

  test('no JSON for functions, symbols, bigint, NaN, Infinity and cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const [value, type] of [
      [function f() {}, 'function'],
      [Symbol('x'), 'symbol'],
      [10n, 'bigint'],
      [NaN, 'number'],
      [Infinity, 'number'],
      [cyclic, 'object'],
    ] as const) {
      const d = g.describeValue(value);
      assert.equal(d.type, type);
      assert.equal(d.jsonText, undefined, `json for ${String(d.preview)}`);
    }
    assert.equal(g.describeValue(cyclic).preview, '<ref *1> { a: 1, self: [Circular *1] }');
  });

  test('previews are capped at 1000 characters and huge JSON is omitted', () => {
    const huge = 'x'.repeat(5_000_000);
    const d = g.describeValue(huge);
    assert.equal(d.type, 'string');
    assert.ok(d.preview.length <= 1000, `preview length ${d.preview.length}`);
    assert.ok(d.preview.startsWith("'xxxx"));
    assert.equal(d.jsonText, undefined);
    const manyObjects = Array.from({ length: 200_000 }, (_, i) => ({ i }));
    const big = g.describeValue(manyObjects);
    assert.equal(big.jsonText, undefined);
    assert.ok(big.preview.length <= 1000);
    const fits = g.describeValue('y'.repeat(5000));
    assert.equal(fits.jsonText, JSON.stringify('y'.repeat(5000)));
  });
});

describe('describeThrown', () => {
  test('errors give "Name: message" and their stack', () => {
    const err = new RangeError('too far');
    const d = g.describeThrown(err);
    assert.equal(d.message, 'RangeError: too far');
    assert.equal(d.stack, err.stack);
  });

  test('non-errors give a sensible message', () => {
    assert.equal(g.describeThrown(42).message, 'Uncaught 42');
    assert.equal(g.describeThrown(null).message, 'Uncaught null');
    assert.equal(g.describeThrown({ code: 1 }).message, 'Uncaught { code: 1 }');
    assert.equal(g.describeThrown('str').message, "Uncaught 'str'");
  });

  test('runtime frames and the isolate boundary are removed from stacks', () => {
    const stack = 'Error: x\n    at require (vm-system:runtime:12:3)\n    at repl:1:1\n    at (<isolated-vm boundary>)';
    assert.equal(g.cleanStack(stack), 'Error: x\n    at repl:1:1');
  });
});

describe('tamper resistance', () => {
  test("works after the realm's built-ins are sabotaged", () => {
    const { inspector, context } = inspectorInFreshRealm();
    vm.runInContext(
      `Array.prototype.join = () => 'HACKED'; Array.prototype.push = () => 0;
       String.prototype.slice = () => 'HACKED'; Object.keys = () => []; JSON.stringify = () => 'HACKED';`,
      context,
    );
    const value = vm.runInContext('({ a: [1, 2], b: "x" })', context);
    assert.equal(inspector.inspect(value), "{ a: [ 1, 2 ], b: 'x' }");
    assert.equal(inspector.formatArgs(['%s=%j', 'v', value]), 'v={"a":[1,2],"b":"x"}');
  });
});
