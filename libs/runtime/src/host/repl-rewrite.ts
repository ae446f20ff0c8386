import * as acorn from 'acorn';
import * as walk from 'acorn-walk';

/**
 * Turns guest input into the script actually compiled in the session's context, so that one
 * long-lived context behaves like Node's REPL (modelled on Node's `lib/internal/repl/await.js`):
 *
 * - top-level `let`/`const`/`class` become `var`s (and functions are copied onto the global),
 *   so re-declaring a name in a later input works instead of throwing "already declared";
 * - input with top-level `await` is wrapped in an async IIFE whose last expression is returned
 *   as `{ value }` (a bare `return expr` would adopt a returned thenable);
 * - ordinary input is wrapped in `try { ... } catch (k) { ({ k: thrown }) }`: a try statement's
 *   completion value is its block's, so `1+1` still yields 2, and whatever was thrown (42, null,
 *   objects) stays a guest value that the guest-side inspector can describe. The catch key is a
 *   per-run random token the guest never sees, so user values cannot be mistaken for it.
 *
 * Wrappers sit on their own first line and the script is compiled with `lineOffset: -1`, so
 * line numbers in stack traces are the user's. Known losses (as in Node's REPL rewrite): `const`
 * bindings become writable and lose their TDZ. Input acorn cannot parse is returned unchanged
 * (mode `raw`), so V8 itself reports the syntax error with its usual message.
 */

export type PreparedMode = 'sync' | 'async' | 'raw';

export interface PreparedSource {
  code: string;
  lineOffset: number;
  mode: PreparedMode;
}

export interface PrepareOptions {
  kind: 'repl' | 'file';
  strict: boolean;
  /** A fresh identifier per run; names the catch binding and the key of the thrown-value box. */
  thrownKey: string;
}

type Node = acorn.Node & Record<string, any>;

const parseOptions: acorn.Options = {
  ecmaVersion: 'latest',
  sourceType: 'script',
  allowHashBang: true,
  allowAwaitOutsideFunction: false,
  allowReturnOutsideFunction: false,
};

export function prepareSource(source: string, options: PrepareOptions): PreparedSource {
  // A hashbang is only legal at offset 0, which the wrapper takes; same length keeps positions.
  let src = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  if (options.kind === 'repl') src = preferObjectLiteral(src);
  if (src.includes('await')) {
    const wrapped = rewriteTopLevelAwait(src, options.strict);
    if (wrapped !== null) return { code: wrapped, lineOffset: -1, mode: 'async' };
  }
  const program = tryParse(src);
  if (program === null) return { code: source, lineOffset: 0, mode: 'raw' };
  return { code: rewriteSync(src, program, options), lineOffset: -1, mode: 'sync' };
}

function tryParse(code: string): Node | null {
  try {
    return acorn.parse(code, parseOptions) as Node;
  } catch {
    return null;
  }
}

// Like Node's REPL: `{a:1}` means an object literal at the prompt, not a block with a label.
function preferObjectLiteral(src: string): string {
  if (!/^\s*\{/.test(src) || /;\s*$/.test(src)) return src;
  const candidate = `(${src}\n)`;
  return tryParse(candidate) === null ? src : candidate;
}

class Edits {
  private readonly chars: string[];
  constructor(text: string) {
    this.chars = text.split('');
  }
  replace(from: number, to: number, str: string): void {
    for (let i = from; i < to; i++) this.chars[i] = '';
    this.chars[from] = str + (from === to ? this.chars[from] : '');
  }
  prepend(node: Node, str: string): void {
    this.chars[node.start] = str + this.chars[node.start];
  }
  append(node: Node, str: string): void {
    this.chars[node.end - 1] += str;
  }
  toString(): string {
    return this.chars.join('');
  }
}

function isStrictDirective(program: Node): boolean {
  const first = program.body[0];
  return first !== undefined && first.type === 'ExpressionStatement' && first.directive === 'use strict';
}

function rewriteSync(src: string, program: Node, options: PrepareOptions): string {
  const edits = new Edits(src);
  const functionNames: string[] = [];
  for (const node of program.body as Node[]) {
    if (node.type === 'VariableDeclaration' && (node.kind === 'let' || node.kind === 'const')) {
      edits.replace(node.start, node.start + node.kind.length, 'var');
      // `let x` at the prompt re-binds x to undefined; a bare `var x` would keep the old value.
      for (const decl of node.declarations as Node[]) {
        if (decl.init === null && decl.id.type === 'Identifier') edits.append(decl, '=undefined');
      }
    } else if (node.type === 'ClassDeclaration') {
      edits.prepend(node, `var ${node.id.name} = `);
      edits.append(node, ';');
    } else if (node.type === 'FunctionDeclaration') {
      functionNames.push(node.id.name);
    }
  }
  const strict = options.strict || isStrictDirective(program) ? '"use strict"; ' : '';
  const key = options.thrownKey;
  const body = `try { ${exportFunctions(functionNames)}\n${edits.toString()}\n} catch (${key}) { ({ ${JSON.stringify(key)}: ${key} }) }`;
  if (functionNames.length === 0) return strict + body;
  return `${strict}{ let ${[...new Set(functionNames)].join(', ')}; ${body} }`;
}

// Function declarations inside the try block need two fixes. They are block scoped in strict
// code, so each is copied to the global at the block's start (they are hoisted within the
// block; `void` keeps the completion value). And in sloppy code V8 evaluates a block-level
// declaration as an assignment whose value becomes the completion value (`function f() {}`
// would print the function): an outer `let` of the same name switches that Annex B hoisting
// off, so the declaration stays value-less as at the top level.
function exportFunctions(names: string[]): string {
  return names.map((name) => `void (this.${name} = ${name}); `).join('');
}

interface AwaitState {
  body: Node;
  ancestors: Node[];
  hoisted: string[];
  edits: Edits;
  containsAwait: boolean;
  containsReturn: boolean;
}

const noop = (): void => undefined;

function isTopLevelDeclaration(state: AwaitState): boolean {
  return state.ancestors[state.ancestors.length - 2] === state.body;
}

const visitorsWithoutAncestors: Record<string, (node: Node, state: AwaitState, c: walk.WalkerCallback<AwaitState>) => void> = {
  ClassDeclaration(node, state, c) {
    if (isTopLevelDeclaration(state)) {
      state.edits.prepend(node, `${node.id.name}=`);
      state.hoisted.push(`var ${node.id.name}; `);
    }
    (walk.base as any).ClassDeclaration(node, state, c);
  },
  ForOfStatement(node, state, c) {
    if (node.await === true) state.containsAwait = true;
    (walk.base as any).ForOfStatement(node, state, c);
  },
  FunctionDeclaration(node, state) {
    state.edits.prepend(node, `this.${node.id.name} = ${node.id.name}; `);
    state.hoisted.push(`var ${node.id.name}; `);
  },
  FunctionExpression: noop,
  ArrowFunctionExpression: noop,
  MethodDefinition: noop,
  AwaitExpression(node, state, c) {
    state.containsAwait = true;
    (walk.base as any).AwaitExpression(node, state, c);
  },
  ReturnStatement(node, state, c) {
    state.containsReturn = true;
    (walk.base as any).ReturnStatement(node, state, c);
  },
  VariableDeclaration(node, state, c) {
    const kind: string = node.kind;
    const parent = state.ancestors[state.ancestors.length - 2];
    const isIterableForDeclaration = parent.type === 'ForOfStatement' || parent.type === 'ForInStatement';
    if (kind === 'var' || isTopLevelDeclaration(state)) {
      state.edits.replace(
        node.start,
        node.start + kind.length + (isIterableForDeclaration ? 1 : 0),
        kind === 'var' && isIterableForDeclaration ? '' : 'void' + (node.declarations.length === 1 ? '' : ' ('),
      );
      if (!isIterableForDeclaration) {
        for (const decl of node.declarations as Node[]) {
          state.edits.prepend(decl, '(');
          state.edits.append(decl, decl.init ? ')' : '=undefined)');
        }
        if (node.declarations.length !== 1) state.edits.append(node.declarations[node.declarations.length - 1], ')');
      }
      const names: string[] = [];
      for (const decl of node.declarations as Node[]) collectBindingNames(decl.id, names);
      if (names.length > 0) state.hoisted.push(`var ${names.join(', ')}; `);
    }
    (walk.base as any).VariableDeclaration(node, state, c);
  },
};

function collectBindingNames(node: Node | null, names: string[]): void {
  if (node === null) return;
  switch (node.type) {
    case 'Identifier':
      names.push(node.name);
      break;
    case 'ObjectPattern':
      for (const property of node.properties) collectBindingNames(property.value || property.argument, names);
      break;
    case 'ArrayPattern':
      for (const element of node.elements) collectBindingNames(element, names);
      break;
    case 'AssignmentPattern':
      collectBindingNames(node.left, names);
      break;
    case 'RestElement':
      collectBindingNames(node.argument, names);
      break;
  }
}

const awaitVisitors: walk.RecursiveVisitors<AwaitState> = {};
for (const nodeType of Object.keys(walk.base)) {
  const callback = visitorsWithoutAncestors[nodeType] || (walk.base as any)[nodeType];
  (awaitVisitors as any)[nodeType] = (node: Node, state: AwaitState, c: walk.WalkerCallback<AwaitState>) => {
    const isNew = node !== state.ancestors[state.ancestors.length - 1];
    if (isNew) state.ancestors.push(node);
    callback(node, state, c);
    if (isNew) state.ancestors.pop();
  };
}

function rewriteTopLevelAwait(src: string, strict: boolean): string | null {
  const wrapped = `(async () => {\n${src}\n})()`;
  let root: Node;
  try {
    root = acorn.parse(wrapped, parseOptions) as Node;
  } catch {
    return null;
  }
  const body: Node = root.body[0].expression.callee.body;
  const state: AwaitState = {
    body,
    ancestors: [],
    hoisted: [],
    edits: new Edits(wrapped),
    containsAwait: false,
    containsReturn: false,
  };
  walk.recursive(body, state, awaitVisitors);
  // No real await (the word was in a string or a nested function), or a top-level return
  // (which is a syntax error outside the wrapper): leave it to the ordinary path.
  if (!state.containsAwait || state.containsReturn) return null;
  for (let i = body.body.length - 1; i >= 0; i--) {
    const node: Node = body.body[i];
    if (node.type === 'EmptyStatement') continue;
    if (node.type === 'ExpressionStatement') {
      state.edits.prepend(node.expression, '{ value: (');
      state.edits.prepend(node, 'return ');
      state.edits.append(node.expression, ') }');
    }
    break;
  }
  const prefix = strict ? '"use strict"; ' : '';
  return prefix + state.hoisted.join('') + state.edits.toString();
}

/** Inputs that take the rewrite's main paths: expressions, declarations, blocks, top-level await. */
const WARM_UP_INPUTS = [
  '1 + 1',
  'const a = { b: [1, "x", `t${2}`] }; let n = 0; function f(x) { return x * 2 } f(a.b.length)',
  'class K { m(v) { for (const k of [v]) if (k) try { throw k } catch (e) { n += e } } } new K().m(1)',
  'const r = await Promise.resolve(1); r',
];

/**
 * Enough rounds for V8 to move acorn's hot paths past its interpreter: a restore rewrites every
 * replayed input in a host fresh from the pool, where a cold parser cost ~70 µs a line.
 */
const WARM_UP_ROUNDS = 10;

/**
 * Rewrites a few typical inputs and throws the results away. V8 compiles acorn's parser
 * lazily, function by function, and optimises what runs often; a warm host that runs this
 * while it waits in the pool spares its session's first executions that cost (measured in a
 * host: the first prepareSource of a one-line startup file ~5 ms, the next ones under 1 ms).
 */
export function warmUpSourceRewrite(): void {
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    for (const kind of ['repl', 'file'] as const) {
      for (const input of WARM_UP_INPUTS) prepareSource(input, { kind, strict: kind === 'file', thrownKey: '__warm_up' });
    }
  }
}
