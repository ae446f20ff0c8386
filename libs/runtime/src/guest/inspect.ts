import type { GuestLayout } from './inspect-layout';
import type { GuestText } from './inspect-text';
import type { GuestIntrinsics } from './intrinsics';

/**
 * A port of the parts of Node 20's `util.inspect` (lib/internal/util/inspect.js) that a REPL
 * preview and `console.log` need, without colours. Runs INSIDE the guest isolate from its
 * source text (see guest-inspector.ts); must reference nothing outside its own body.
 *
 * Known differences from Node (it uses V8 internals JavaScript cannot reach): promise state is
 * not visible (`Promise { <unknown> }`), proxies are formatted through their traps, Map/Set
 * iterators are not previewed, and string width is approximated without ICU. Getters are never
 * invoked (`[Getter]`), as in Node's default.
 */

export interface InspectOptions {
  depth?: number;
  breakLength?: number;
  maxArrayLength?: number;
  maxStringLength?: number;
  showHidden?: boolean;
  compact?: number;
}

export interface GuestInspectCore {
  inspect(value: unknown, options?: InspectOptions): string;
  formatNumber(n: number): string;
  formatBigInt(n: bigint): string;
  /** Error.prototype.toString semantics, without calling into the (possibly tampered) prototype. */
  errorToString(err: any): string;
}

export function createGuestInspect(intrinsics: GuestIntrinsics, text: GuestText, layout: GuestLayout): GuestInspectCore {
  const {
    ObjectKeys,
    ObjectGetOwnPropertyNames,
    ObjectGetOwnPropertySymbols,
    ObjectGetOwnPropertyDescriptor,
    ObjectGetPrototypeOf,
    ObjectHasOwn,
    ObjectPrototype,
    ObjectPrototypePropertyIsEnumerable,
    FunctionPrototype,
    FunctionPrototypeToString,
    FunctionPrototypeSymbolHasInstance,
    ReflectApply,
    ArrayIsArray,
    ArrayPrototypePush,
    ArrayPrototypePop,
    ArrayPrototypeJoin,
    ArrayPrototypeIncludes,
    ArrayPrototypeIndexOf,
    ArrayPrototypeSplice,
    ArrayPrototypeUnshift,
    ArrayPrototypeFilter,
    StringCtor,
    NumberCtor,
    NumberIsNaN,
    StringPrototypeSlice,
    StringPrototypeIncludes,
    StringPrototypeStartsWith,
    StringPrototypeEndsWith,
    StringPrototypeIndexOf,
    StringPrototypeRepeat,
    StringPrototypePadStart,
    StringPrototypeReplaceAll,
    StringPrototypeValueOf,
    RegExpPrototypeExec,
    RegExpPrototypeToString,
    RegExpPrototypeSymbolReplace,
    MathMin,
    MathMax,
    NumberPrototypeValueOf,
    NumberPrototypeToString,
    BooleanPrototypeValueOf,
    BigIntPrototypeValueOf,
    SymbolPrototypeValueOf,
    SymbolPrototypeToString,
    SymbolIterator,
    SymbolToStringTag,
    customInspectSymbol,
    DatePrototypeGetTime,
    DatePrototypeToISOString,
    DatePrototypeToString,
    MapPrototypeGetSize,
    MapPrototypeForEach,
    SetPrototypeGetSize,
    SetPrototypeForEach,
    TypedArrayPrototypeGetSymbolToStringTag,
    TypedArrayPrototypeGetLength,
    ArrayBufferPrototypeGetByteLength,
    SharedArrayBufferPrototypeGetByteLength,
    Uint8ArrayCtor,
    MapCtor,
    MapPrototypeGet,
    MapPrototypeSet,
    AsyncFunctionPrototype,
    GeneratorFunctionPrototype,
    AsyncGeneratorFunctionPrototype,
    isMap,
    isSet,
    isWeakMap,
    isWeakSet,
    isDate,
    isRegExp,
    isTypedArray,
    isArrayBuffer,
    isSharedArrayBuffer,
    isDataView,
    isNumberObject,
    isStringObject,
    isBooleanObject,
    isBigIntObject,
    isBoxedPrimitive,
    builtinTag,
    isError,
    isPromise,
    isArgumentsObject,
    isMapIterator,
    isSetIterator,
    isStackOverflowError,
  } = intrinsics;
  const { strEscape, escapeFn, strEscapeSequencesReplacer, formatNumber, formatBigInt, formatPrimitive } = text;
  const { reduceToSingleString } = layout;

  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;

  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const classRegExp = /^(\s+[^(]*?)\s*{/;
  const stripCommentsRegExp = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;

  const defaultOptions = {
    depth: 2,
    breakLength: 80,
    maxArrayLength: 100,
    maxStringLength: 10000,
    showHidden: false,
    compact: 3,
  };

  function makeCtx(options: any): any {
    const o = options || {};
    return {
      seen: [],
      circular: undefined,
      indentationLvl: 0,
      currentDepth: 0,
      budget: {},
      depth: o.depth === undefined ? defaultOptions.depth : o.depth,
      breakLength: o.breakLength === undefined ? defaultOptions.breakLength : o.breakLength,
      maxArrayLength: o.maxArrayLength === undefined ? defaultOptions.maxArrayLength : o.maxArrayLength,
      maxStringLength: o.maxStringLength === undefined ? defaultOptions.maxStringLength : o.maxStringLength,
      showHidden: o.showHidden === true,
      compact: o.compact === undefined ? defaultOptions.compact : o.compact,
    };
  }

  function inspect(value: unknown, options?: InspectOptions): string {
    return formatValue(makeCtx(options), value, 0, undefined);
  }

  // Column width without ICU (Node's non-Intl fallback): wide East Asian characters count 2.
  function isInstanceof(object: any, proto: any): boolean {
    try {
      return object instanceof proto;
    } catch {
      return false;
    }
  }

  function getConstructorName(obj: any, ctx: any, recurseTimes: number): string | null {
    let firstProto: any;
    const tmp = obj;
    while (obj) {
      if (obj === ObjectPrototype && FunctionPrototypeSymbolHasInstance(Object, tmp)) return 'Object';
      if (obj === FunctionPrototype && FunctionPrototypeSymbolHasInstance(Function, tmp)) return 'Function';
      const descriptor = ObjectGetOwnPropertyDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '' && isInstanceof(tmp, descriptor.value)) {
        return StringCtor(descriptor.value.name);
      }
      obj = ObjectGetPrototypeOf(obj);
      if (firstProto === undefined) firstProto = obj;
    }
    if (firstProto === null) return null;
    const res = builtinTag(tmp);
    if (recurseTimes > ctx.depth && ctx.depth !== null) return `${res} <Complex prototype>`;
    const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1);
    if (protoConstr === null) {
      return `${res} <${inspect(firstProto, { depth: -1 })}>`;
    }
    return `${res} <${protoConstr}>`;
  }

  function getPrefix(constructor: string | null, tag: string, fallback: string, size = ''): string {
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
    return `${constructor}${size} `;
  }

  function getKeys(value: any, showHidden: boolean): any[] {
    let keys: any[];
    const symbols = ObjectGetOwnPropertySymbols(value);
    if (showHidden) {
      keys = ObjectGetOwnPropertyNames(value);
      for (let i = 0; i < symbols.length; i++) ArrayPrototypePush(keys, symbols[i]);
    } else {
      keys = ObjectKeys(value);
      for (let i = 0; i < symbols.length; i++) {
        if (ObjectPrototypePropertyIsEnumerable(value, symbols[i])) ArrayPrototypePush(keys, symbols[i]);
      }
    }
    return keys;
  }

  // Own keys that are not array indices (Node's getOwnNonIndexProperties).
  function getOwnNonIndexProperties(value: any, showHidden: boolean): any[] {
    return ArrayPrototypeFilter(
      getKeys(value, showHidden),
      (key: any) => typeof key !== 'string' || RegExpPrototypeExec(numberRegExp, key) === null || NumberCtor(key) > 2 ** 32 - 2,
    );
  }

  function getCtxStyle(value: any, constructor: string | null, tag: string): string {
    let fallback = '';
    if (constructor === null) {
      fallback = builtinTag(value);
      if (fallback === tag) fallback = 'Object';
    }
    return getPrefix(constructor, tag, fallback);
  }

  function formatValue(ctx: any, value: any, recurseTimes: number, typedArray: any): string {
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
    if (value === null) return 'null';

    const maybeCustom = value[customInspectSymbol];
    if (typeof maybeCustom === 'function' && maybeCustom !== inspect && !(value.constructor && value.constructor.prototype === value)) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const options = { depth, breakLength: ctx.breakLength, compact: ctx.compact, showHidden: ctx.showHidden };
      const ret = ReflectApply(maybeCustom, value, [depth, options, inspect]);
      if (ret !== value) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes, undefined);
        return StringPrototypeReplaceAll(ret, '\n', `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`);
      }
    }

    if (ArrayPrototypeIncludes(ctx.seen, value)) {
      let index = 1;
      if (ctx.circular === undefined) {
        ctx.circular = new MapCtor();
        MapPrototypeSet(ctx.circular, value, index);
      } else {
        index = MapPrototypeGet(ctx.circular, value);
        if (index === undefined) {
          index = MapPrototypeGetSize(ctx.circular) + 1;
          MapPrototypeSet(ctx.circular, value, index);
        }
      }
      return `[Circular *${index}]`;
    }
    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  function formatRaw(ctx: any, value: any, recurseTimes: number, typedArray: any): string {
    let keys: any[] = [];
    const constructor = getConstructorName(value, ctx, recurseTimes);
    let tag = value[SymbolToStringTag];
    if (typeof tag !== 'string' || (tag !== '' && (ctx.showHidden ? ObjectHasOwn(value, SymbolToStringTag) : ObjectPrototypePropertyIsEnumerable(value, SymbolToStringTag)))) {
      tag = '';
    }
    let base = '';
    let formatter: any = () => [];
    let braces: string[] = ['{', '}'];
    let noIterator = true;
    let extrasType = kObjectType;

    if (SymbolIterator in value || constructor === null) {
      noIterator = false;
      if (ArrayIsArray(value)) {
        const prefix = constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        braces = [`${prefix}[`, ']'];
        if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (isSet(value)) {
        const size = SetPrototypeGetSize(value);
        const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = (c: any, v: any, r: number) => formatSet(v, c, r);
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isMap(value)) {
        const size = MapPrototypeGetSize(value);
        const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = (c: any, v: any, r: number) => formatMap(v, c, r);
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isTypedArray(value)) {
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        const fallback = constructor === null ? TypedArrayPrototypeGetSymbolToStringTag(value) : '';
        const size = TypedArrayPrototypeGetLength(value);
        const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
        braces = [`${prefix}[`, ']'];
        if (size === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
        formatter = (c: any, v: any) => formatTypedArray(v, size, c);
        extrasType = kArrayExtrasType;
      } else if (isMapIterator(value) || isSetIterator(value)) {
        keys = getKeys(value, ctx.showHidden);
        const type = isMapIterator(value) ? 'Map' : 'Set';
        braces = [`[${tag === '' ? `${type} Iterator` : tag}] {`, '}'];
        formatter = () => ['<items unknown>'];
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, ctx.showHidden);
      braces = ['{', '}'];
      if (typeof value === 'function') {
        base = getFunctionBase(value, constructor, tag);
        if (keys.length === 0) return base;
      } else if (constructor === 'Object') {
        if (isArgumentsObject(value)) {
          braces[0] = '[Arguments] {';
        } else if (tag !== '') {
          braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
        }
        if (keys.length === 0) return `${braces[0]}}`;
      } else if (isRegExp(value)) {
        base = RegExpPrototypeToString(value);
        const prefix = getPrefix(constructor, tag, 'RegExp');
        if (prefix !== 'RegExp ') base = `${prefix}${base}`;
        if (keys.length === 0 || (recurseTimes > ctx.depth && ctx.depth !== null)) return base;
      } else if (isDate(value)) {
        base = NumberIsNaN(DatePrototypeGetTime(value)) ? DatePrototypeToString(value) : DatePrototypeToISOString(value);
        const prefix = getPrefix(constructor, tag, 'Date');
        if (prefix !== 'Date ') base = `${prefix}${base}`;
        if (keys.length === 0) return base;
      } else if (isError(value)) {
        base = formatError(value, constructor, tag, ctx, keys);
        if (keys.length === 0) return base;
      } else if (isArrayBuffer(value) || isSharedArrayBuffer(value)) {
        const arrayType = isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer';
        const prefix = getPrefix(constructor, tag, arrayType);
        const byteLength = isArrayBuffer(value) ? ArrayBufferPrototypeGetByteLength(value) : SharedArrayBufferPrototypeGetByteLength(value);
        if (typedArray === undefined) {
          formatter = (c: any, v: any) => formatArrayBuffer(c, v);
        } else if (keys.length === 0) {
          return `${prefix}{ byteLength: ${formatNumber(byteLength)} }`;
        }
        braces[0] = `${prefix}{`;
        ArrayPrototypeUnshift(keys, 'byteLength');
      } else if (isDataView(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
        ArrayPrototypeUnshift(keys, 'byteLength', 'byteOffset', 'buffer');
      } else if (isPromise(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
        formatter = () => ['<unknown>'];
      } else if (isWeakSet(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
        formatter = () => ['<items unknown>'];
      } else if (isWeakMap(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
        formatter = () => ['<items unknown>'];
      } else if (isBoxedPrimitive(value)) {
        base = getBoxedBase(value, ctx, keys, constructor, tag);
        if (keys.length === 0) return base;
      } else {
        if (keys.length === 0) return `${getCtxStyle(value, constructor, tag)}{}`;
        braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
      }
    }

    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      let constructorName = StringPrototypeSlice(getCtxStyle(value, constructor, tag), 0, -1);
      if (constructor !== null) constructorName = `[${constructorName}]`;
      return constructorName;
    }
    recurseTimes += 1;
    ArrayPrototypePush(ctx.seen, value);
    ctx.currentDepth = recurseTimes;
    let output: string[];
    const indentationLvl = ctx.indentationLvl;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (let i = 0; i < keys.length; i++) {
        ArrayPrototypePush(output, formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
      }
    } catch (err) {
      if (!isStackOverflowError(err)) throw err;
      ArrayPrototypePop(ctx.seen);
      ctx.indentationLvl = indentationLvl;
      const constructorName = StringPrototypeSlice(getCtxStyle(value, constructor, tag), 0, -1);
      return `[${constructorName}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`;
    }
    if (ctx.circular !== undefined) {
      const index = MapPrototypeGet(ctx.circular, value);
      if (index !== undefined) {
        const reference = `<ref *${index}>`;
        base = base === '' ? reference : `${reference} ${base}`;
      }
    }
    ArrayPrototypePop(ctx.seen);
    const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
    const budget = ctx.budget[ctx.indentationLvl] || 0;
    const newLength = budget + res.length;
    ctx.budget[ctx.indentationLvl] = newLength;
    // Same guard as Node: stop descending once the output gets enormous.
    if (newLength > 2 ** 27) ctx.depth = -1;
    return res;
  }

  function getBoxedBase(value: any, ctx: any, keys: any[], constructor: string | null, tag: string): string {
    let fn: any;
    let type: string;
    if (isNumberObject(value)) {
      fn = NumberPrototypeValueOf;
      type = 'Number';
    } else if (isStringObject(value)) {
      fn = StringPrototypeValueOf;
      type = 'String';
      ArrayPrototypeSplice(keys, 0, value.length);
    } else if (isBooleanObject(value)) {
      fn = BooleanPrototypeValueOf;
      type = 'Boolean';
    } else if (isBigIntObject(value)) {
      fn = BigIntPrototypeValueOf;
      type = 'BigInt';
    } else {
      fn = SymbolPrototypeValueOf;
      type = 'Symbol';
    }
    let base = `[${type}`;
    if (type !== constructor) base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
    base += `: ${formatPrimitive(fn(value), makeCtx({ maxStringLength: ctx.maxStringLength }))}]`;
    if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
    return base;
  }

  function getClassBase(value: any, constructor: string | null, tag: string): string {
    const hasName = ObjectHasOwn(value, 'name');
    const name = (hasName && value.name) || '(anonymous)';
    let base = `class ${name}`;
    if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    if (constructor !== null) {
      const superName = ObjectGetPrototypeOf(value).name;
      if (superName) base += ` extends ${superName}`;
    } else {
      base += ' extends [null prototype]';
    }
    return `[${base}]`;
  }

  function getFunctionBase(value: any, constructor: string | null, tag: string): string {
    let stringified = '';
    try {
      stringified = FunctionPrototypeToString(value);
    } catch {
      stringified = '';
    }
    if (StringPrototypeStartsWith(stringified, 'class') && StringPrototypeEndsWith(stringified, '}')) {
      const slice = StringPrototypeSlice(stringified, 5, -1);
      const bracketIndex = StringPrototypeIndexOf(slice, '{');
      if (
        bracketIndex !== -1 &&
        (!StringPrototypeIncludes(StringPrototypeSlice(slice, 0, bracketIndex), '(') ||
          RegExpPrototypeExec(classRegExp, RegExpPrototypeSymbolReplace(stripCommentsRegExp, slice, '')) !== null)
      ) {
        return getClassBase(value, constructor, tag);
      }
    }
    const proto = ObjectGetPrototypeOf(value);
    let type = 'Function';
    if (proto === GeneratorFunctionPrototype) type = 'GeneratorFunction';
    else if (proto === AsyncFunctionPrototype) type = 'AsyncFunction';
    else if (proto === AsyncGeneratorFunctionPrototype) type = 'AsyncGeneratorFunction';
    let base = `[${type}`;
    if (constructor === null) base += ' (null prototype)';
    base += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
    base += ']';
    if (constructor !== type && constructor !== null) base += ` ${constructor}`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    return base;
  }

  function improveStack(stack: string, constructor: string | null, name: string, tag: string): string {
    let len = name.length;
    if (
      constructor === null ||
      (StringPrototypeEndsWith(name, 'Error') && StringPrototypeStartsWith(stack, name) && (stack.length === len || stack[len] === ':' || stack[len] === '\n'))
    ) {
      let fallback = 'Error';
      if (constructor === null) {
        const start = RegExpPrototypeExec(/^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/, stack) || RegExpPrototypeExec(/^([a-z_A-Z0-9-]*Error)$/, stack);
        fallback = (start && start[1]) || '';
        len = fallback.length;
        fallback = fallback || 'Error';
      }
      const prefix = StringPrototypeSlice(getPrefix(constructor, tag, fallback), 0, -1);
      if (name !== prefix) {
        if (StringPrototypeIncludes(prefix, name)) {
          stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${StringPrototypeSlice(stack, len)}`;
        } else {
          stack = `${prefix} [${name}]${StringPrototypeSlice(stack, len)}`;
        }
      }
    }
    return stack;
  }

  function formatError(err: any, constructor: string | null, tag: string, ctx: any, keys: any[]): string {
    const name = err.name != null ? StringCtor(err.name) : 'Error';
    let stack = err.stack ? StringCtor(err.stack) : errorToString(err);
    if (!ctx.showHidden && keys.length !== 0) {
      const hide = ['name', 'message', 'stack'];
      for (let i = 0; i < hide.length; i++) {
        const index = ArrayPrototypeIndexOf(keys, hide[i]);
        if (index !== -1 && StringPrototypeIncludes(stack, err[hide[i]])) ArrayPrototypeSplice(keys, index, 1);
      }
    }
    if ('cause' in err && (keys.length === 0 || !ArrayPrototypeIncludes(keys, 'cause'))) {
      ArrayPrototypePush(keys, 'cause');
    }
    if (ArrayIsArray(err.errors) && (keys.length === 0 || !ArrayPrototypeIncludes(keys, 'errors'))) {
      ArrayPrototypePush(keys, 'errors');
    }
    stack = improveStack(stack, constructor, name, tag);
    let pos = (err.message && StringPrototypeIndexOf(stack, err.message)) || -1;
    if (pos !== -1) pos += err.message.length;
    const stackStart = StringPrototypeIndexOf(stack, '\n    at', pos);
    if (stackStart === -1) stack = `[${stack}]`;
    if (ctx.indentationLvl !== 0) {
      stack = StringPrototypeReplaceAll(stack, '\n', `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`);
    }
    return stack;
  }

  function errorToString(err: any): string {
    const name = err.name === undefined ? 'Error' : StringCtor(err.name);
    const msg = err.message === undefined ? '' : StringCtor(err.message);
    if (name === '') return msg;
    if (msg === '') return name;
    return `${name}: ${msg}`;
  }

  const remainingText = (remaining: number) => `... ${remaining} more item${remaining > 1 ? 's' : ''}`;

  function formatSpecialArray(ctx: any, value: any, recurseTimes: number, maxLength: number, output: string[], i: number): string[] {
    const keys = ObjectKeys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      const tmp = +key;
      if (tmp > 2 ** 32 - 2) break;
      if (`${index}` !== key) {
        if (RegExpPrototypeExec(numberRegExp, key) === null) break;
        const emptyItems = tmp - index;
        ArrayPrototypePush(output, `<${emptyItems} empty item${emptyItems > 1 ? 's' : ''}>`);
        index = tmp;
        if (output.length === maxLength) break;
      }
      ArrayPrototypePush(output, formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) ArrayPrototypePush(output, `<${remaining} empty item${remaining > 1 ? 's' : ''}>`);
    } else if (remaining > 0) {
      ArrayPrototypePush(output, remainingText(remaining));
    }
    return output;
  }

  function formatArrayBuffer(ctx: any, value: any): string[] {
    let buffer: Uint8Array;
    try {
      buffer = new Uint8ArrayCtor(value);
    } catch {
      return ['(detached)'];
    }
    const shown = MathMin(ctx.maxArrayLength, buffer.length);
    const parts: string[] = [];
    for (let i = 0; i < shown; i++) {
      ArrayPrototypePush(parts, StringPrototypePadStart(NumberPrototypeToString(buffer[i], 16), 2, '0'));
    }
    let str = ArrayPrototypeJoin(parts, ' ');
    const remaining = buffer.length - ctx.maxArrayLength;
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
    return [`[Uint8Contents]: <${str}>`];
  }

  function formatArray(ctx: any, value: any, recurseTimes: number): string[] {
    const valLen = value.length;
    const len = MathMin(MathMax(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output: string[] = [];
    for (let i = 0; i < len; i++) {
      if (!ObjectHasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      ArrayPrototypePush(output, formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (remaining > 0) ArrayPrototypePush(output, remainingText(remaining));
    return output;
  }

  function formatTypedArray(value: any, length: number, ctx: any): string[] {
    const maxLength = MathMin(MathMax(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output: string[] = [];
    for (let i = 0; i < maxLength; ++i) {
      const element = value[i];
      ArrayPrototypePush(output, typeof element === 'bigint' ? formatBigInt(element) : formatNumber(element));
    }
    if (remaining > 0) ArrayPrototypePush(output, remainingText(remaining));
    return output;
  }

  function formatSet(value: any, ctx: any, recurseTimes: number): string[] {
    const length = SetPrototypeGetSize(value);
    const maxLength = MathMin(MathMax(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output: string[] = [];
    ctx.indentationLvl += 2;
    let i = 0;
    SetPrototypeForEach(value, (v: any) => {
      if (i >= maxLength) return;
      ArrayPrototypePush(output, formatValue(ctx, v, recurseTimes, undefined));
      i++;
    });
    if (remaining > 0) ArrayPrototypePush(output, remainingText(remaining));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(value: any, ctx: any, recurseTimes: number): string[] {
    const length = MapPrototypeGetSize(value);
    const maxLength = MathMin(MathMax(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output: string[] = [];
    ctx.indentationLvl += 2;
    let i = 0;
    MapPrototypeForEach(value, (v: any, k: any) => {
      if (i >= maxLength) return;
      ArrayPrototypePush(output, `${formatValue(ctx, k, recurseTimes, undefined)} => ${formatValue(ctx, v, recurseTimes, undefined)}`);
      i++;
    });
    if (remaining > 0) ArrayPrototypePush(output, remainingText(remaining));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatProperty(ctx: any, value: any, recurseTimes: number, key: any, type: number): string {
    let name: string;
    let str: string;
    const extra = ' ';
    const d: any = ObjectGetOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
    if (d.value !== undefined) {
      ctx.indentationLvl += 2;
      str = formatValue(ctx, d.value, recurseTimes, undefined);
      ctx.indentationLvl -= 2;
    } else if (d.get !== undefined) {
      str = d.set !== undefined ? '[Getter/Setter]' : '[Getter]';
    } else if (d.set !== undefined) {
      str = '[Setter]';
    } else {
      str = 'undefined';
    }
    if (type === kArrayType) return str;
    if (typeof key === 'symbol') {
      name = `[${RegExpPrototypeSymbolReplace(strEscapeSequencesReplacer, SymbolPrototypeToString(key), escapeFn)}]`;
    } else if (key === '__proto__') {
      name = "['__proto__']";
    } else if (d.enumerable === false) {
      name = `[${RegExpPrototypeSymbolReplace(strEscapeSequencesReplacer, key, escapeFn)}]`;
    } else if (RegExpPrototypeExec(keyStrRegExp, key) !== null) {
      name = key;
    } else {
      name = strEscape(key);
    }
    return `${name}:${extra}${str}`;
  }

  return { inspect, formatNumber, formatBigInt, errorToString };
}
