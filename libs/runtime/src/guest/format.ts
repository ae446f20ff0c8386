import type { GuestInspectCore } from './inspect';
import type { GuestIntrinsics } from './intrinsics';
import type { GuestInspector, ThrownDescription, ValueDescription } from './inspector';

/**
 * `util.format` for console calls, and the descriptions of a run's value and thrown exception.
 * Runs INSIDE the guest isolate from its source text (see guest-inspector.ts); must reference
 * nothing outside its own body.
 */
export function createGuestFormat(intrinsics: GuestIntrinsics, core: GuestInspectCore): GuestInspector {
  const {
    ObjectGetOwnPropertyDescriptor,
    ObjectGetPrototypeOf,
    ObjectHasOwn,
    ArrayIsArray,
    ArrayPrototypePush,
    ArrayPrototypeJoin,
    StringCtor,
    NumberCtor,
    NumberParseInt,
    NumberParseFloat,
    StringPrototypeSlice,
    StringPrototypeCharCodeAt,
    StringPrototypeIncludes,
    StringPrototypeSplit,
    JSONStringify,
    SymbolToPrimitive,
    SetPrototypeHas,
    builtInObjects,
    isError,
  } = intrinsics;
  const { inspect, formatNumber, formatBigInt, errorToString } = core;

  function hasBuiltInToString(value: any): boolean {
    let hasOwnToString: any = ObjectHasOwn;
    let hasOwnToPrimitive: any = ObjectHasOwn;
    if (typeof value.toString !== 'function') {
      if (typeof value[SymbolToPrimitive] !== 'function') return true;
      if (ObjectHasOwn(value, SymbolToPrimitive)) return false;
      hasOwnToString = () => false;
    } else if (ObjectHasOwn(value, 'toString')) {
      return false;
    } else if (typeof value[SymbolToPrimitive] !== 'function') {
      hasOwnToPrimitive = () => false;
    } else if (ObjectHasOwn(value, SymbolToPrimitive)) {
      return false;
    }
    let pointer = value;
    do {
      pointer = ObjectGetPrototypeOf(pointer);
    } while (pointer !== null && !hasOwnToString(pointer, 'toString') && !hasOwnToPrimitive(pointer, SymbolToPrimitive));
    if (pointer === null) return true;
    const descriptor = ObjectGetOwnPropertyDescriptor(pointer, 'constructor');
    return descriptor !== undefined && typeof descriptor.value === 'function' && SetPrototypeHas(builtInObjects, descriptor.value.name);
  }

  function tryStringify(arg: unknown): string {
    try {
      return JSONStringify(arg) as string;
    } catch (err: any) {
      if (err && err.name === 'TypeError' && StringPrototypeIncludes(StringCtor(err.message), 'circular')) {
        return '[Circular]';
      }
      throw err;
    }
  }

  function formatArgs(args: unknown[]): string {
    const first = args[0];
    let a = 0;
    let str = '';
    let join = '';
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let tempStr = '';
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (StringPrototypeCharCodeAt(first, i) === 37) {
          const nextChar = StringPrototypeCharCodeAt(first, ++i);
          if (a + 1 !== args.length) {
            switch (nextChar) {
              case 115: {
                // 's'
                const tempArg: any = args[++a];
                if (typeof tempArg === 'number') tempStr = formatNumber(tempArg);
                else if (typeof tempArg === 'bigint') tempStr = formatBigInt(tempArg);
                else if (typeof tempArg !== 'object' || tempArg === null || !hasBuiltInToString(tempArg)) tempStr = StringCtor(tempArg);
                else tempStr = inspect(tempArg, { depth: 0 });
                break;
              }
              case 106: // 'j'
                tempStr = tryStringify(args[++a]);
                break;
              case 100: {
                // 'd'
                const tempNum: any = args[++a];
                if (typeof tempNum === 'bigint') tempStr = formatBigInt(tempNum);
                else if (typeof tempNum === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(NumberCtor(tempNum));
                break;
              }
              case 79: // 'O'
                tempStr = inspect(args[++a]);
                break;
              case 111: // 'o'
                tempStr = inspect(args[++a], { showHidden: true, depth: 4 });
                break;
              case 105: {
                // 'i'
                const tempInteger: any = args[++a];
                if (typeof tempInteger === 'bigint') tempStr = formatBigInt(tempInteger);
                else if (typeof tempInteger === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(NumberParseInt(tempInteger));
                break;
              }
              case 102: {
                // 'f'
                const tempFloat: any = args[++a];
                tempStr = typeof tempFloat === 'symbol' ? 'NaN' : formatNumber(NumberParseFloat(tempFloat));
                break;
              }
              case 99: // 'c'
                a += 1;
                tempStr = '';
                break;
              case 37: // '%'
                str += StringPrototypeSlice(first, lastPos, i);
                lastPos = i + 1;
                continue;
              default:
                continue;
            }
            if (lastPos !== i - 1) str += StringPrototypeSlice(first, lastPos, i - 1);
            str += tempStr;
            lastPos = i + 1;
          } else if (nextChar === 37) {
            str += StringPrototypeSlice(first, lastPos, i);
            lastPos = i + 1;
          }
        }
      }
      if (lastPos !== 0) {
        a++;
        join = ' ';
        if (lastPos < first.length) str += StringPrototypeSlice(first, lastPos);
      }
    }
    while (a < args.length) {
      const value = args[a];
      str += join;
      str += typeof value !== 'string' ? inspect(value) : value;
      join = ' ';
      a++;
    }
    return str;
  }

  function typeOf(value: unknown): string {
    if (value === null) return 'null';
    if (ArrayIsArray(value)) return 'array';
    return typeof value;
  }

  // JSON.stringify with a running size estimate so a huge value is abandoned early instead of
  // building a giant string (memory) first; the replacer returns values unchanged.
  function boundedJson(value: unknown, maxChars: number): string | undefined {
    const tooBig = {};
    let size = 0;
    try {
      const text = JSONStringify(value, (key: string, v: unknown) => {
        size += key.length + (typeof v === 'string' ? v.length + 2 : 4);
        if (size > maxChars) throw tooBig;
        return v;
      });
      if (typeof text !== 'string' || text.length > maxChars) return undefined;
      return text;
    } catch {
      return undefined;
    }
  }

  function describeValue(value: unknown, limits?: { previewChars?: number; jsonChars?: number }): ValueDescription {
    const previewChars = (limits && limits.previewChars) || 1000;
    const jsonChars = (limits && limits.jsonChars) || 1048576;
    const type = typeOf(value);
    let preview: string;
    try {
      preview = inspect(value, { maxStringLength: previewChars });
    } catch (err) {
      preview = `[inspection failed: ${safeMessage(err)}]`;
    }
    if (preview.length > previewChars) preview = `${StringPrototypeSlice(preview, 0, previewChars - 1)}…`;
    const result: ValueDescription = { type, preview };
    const noJson = type === 'undefined' || type === 'function' || type === 'symbol' || type === 'bigint' || (type === 'number' && !((value as number) - (value as number) === 0));
    if (!noJson) {
      const jsonText = boundedJson(value, jsonChars);
      if (jsonText !== undefined) result.jsonText = jsonText;
    }
    return result;
  }

  function safeMessage(err: any): string {
    try {
      return err && typeof err === 'object' && 'message' in err ? StringCtor(err.message) : StringCtor(err);
    } catch {
      return 'unknown error';
    }
  }

  // Frames of the runtime's own code (filename 'vm-system:runtime') and isolated-vm's boundary
  // marker say nothing about the user's program.
  function cleanStack(stack: string): string {
    const lines = StringPrototypeSplit(stack, '\n');
    const kept: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (StringPrototypeIncludes(line, '<isolated-vm boundary>') || StringPrototypeIncludes(line, 'vm-system:runtime')) {
        continue;
      }
      ArrayPrototypePush(kept, line);
    }
    return ArrayPrototypeJoin(kept, '\n');
  }

  function describeThrown(thrown: unknown): ThrownDescription {
    try {
      if (thrown !== null && typeof thrown === 'object' && isError(thrown)) {
        const err: any = thrown;
        const message = errorToString(err);
        const stack = typeof err.stack === 'string' ? cleanStack(err.stack) : message;
        return { message, stack };
      }
      const message = `Uncaught ${inspect(thrown, { maxStringLength: 1000 })}`;
      return { message, stack: message };
    } catch (err) {
      const message = `Uncaught exception (could not be described: ${safeMessage(err)})`;
      return { message, stack: message };
    }
  }

  return { inspect, formatArgs, describeValue, describeThrown, cleanStack };
}
