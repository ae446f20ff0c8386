/**
 * ECMAScript built-ins captured for the guest-side formatter (guest-inspect.ts, guest-format.ts).
 *
 * Runs INSIDE the guest isolate, from its source text (see guest-inspector.ts), at bootstrap:
 * before any guest code, so later tampering (Array.prototype.join = ...) cannot reach what is
 * captured here. Prototype methods are "uncurried" (`ArrayPrototypeJoin(array, sep)`) the way
 * Node's primordials are. Must reference nothing outside its own body.
 *
 * Type checks use built-in getters/methods as brand checks: they throw on foreign objects and,
 * unlike `instanceof` or Symbol.toStringTag, never run guest code.
 */

export type GuestIntrinsics = ReturnType<typeof captureGuestIntrinsics>;

export function captureGuestIntrinsics() {
  const call = Function.prototype.call;
  const uncurry = (fn: any): any => call.bind(fn);
  const desc = Object.getOwnPropertyDescriptor;
  const getter = (proto: any, key: any): any => uncurry((desc(proto, key) as any).get);

  const ObjectKeys = Object.keys;
  const ObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
  const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectIs = Object.is;
  const ObjectHasOwn = Object.hasOwn;
  const ObjectPrototype = Object.prototype;
  const ObjectPrototypeToString = uncurry(Object.prototype.toString);
  const ObjectPrototypePropertyIsEnumerable = uncurry(Object.prototype.propertyIsEnumerable);
  const FunctionPrototype = Function.prototype;
  const FunctionPrototypeToString = uncurry(Function.prototype.toString);
  const FunctionPrototypeSymbolHasInstance = uncurry((Function.prototype as any)[Symbol.hasInstance]);
  const ReflectApply = Reflect.apply;
  const ArrayIsArray = Array.isArray;
  const ArrayPrototypePush = uncurry(Array.prototype.push);
  const ArrayPrototypePop = uncurry(Array.prototype.pop);
  const ArrayPrototypeJoin = uncurry(Array.prototype.join);
  const ArrayPrototypeIncludes = uncurry(Array.prototype.includes);
  const ArrayPrototypeIndexOf = uncurry(Array.prototype.indexOf);
  const ArrayPrototypeSplice = uncurry(Array.prototype.splice);
  const ArrayPrototypeUnshift = uncurry(Array.prototype.unshift);
  const ArrayPrototypeFilter = uncurry(Array.prototype.filter);
  const ArrayPrototypeMap = uncurry(Array.prototype.map);
  const StringCtor = String;
  const NumberCtor = Number;
  const NumberParseInt = Number.parseInt;
  const NumberParseFloat = Number.parseFloat;
  const NumberIsNaN = Number.isNaN;
  const StringPrototypeSlice = uncurry(String.prototype.slice);
  const StringPrototypeCharCodeAt = uncurry(String.prototype.charCodeAt);
  const StringPrototypeCodePointAt = uncurry(String.prototype.codePointAt);
  const StringPrototypeIncludes = uncurry(String.prototype.includes);
  const StringPrototypeStartsWith = uncurry(String.prototype.startsWith);
  const StringPrototypeEndsWith = uncurry(String.prototype.endsWith);
  const StringPrototypeIndexOf = uncurry(String.prototype.indexOf);
  const StringPrototypeRepeat = uncurry(String.prototype.repeat);
  const StringPrototypeSplit = uncurry(String.prototype.split);
  const StringPrototypePadStart = uncurry(String.prototype.padStart);
  const StringPrototypePadEnd = uncurry(String.prototype.padEnd);
  const StringPrototypeReplaceAll = uncurry((String.prototype as any).replaceAll);
  const StringPrototypeToLowerCase = uncurry(String.prototype.toLowerCase);
  const StringPrototypeValueOf = uncurry(String.prototype.valueOf);
  const RegExpPrototypeExec = uncurry(RegExp.prototype.exec);
  const RegExpPrototypeToString = uncurry(RegExp.prototype.toString);
  const RegExpPrototypeSymbolReplace = uncurry((RegExp.prototype as any)[Symbol.replace]);
  const RegExpPrototypeSymbolSplit = uncurry((RegExp.prototype as any)[Symbol.split]);
  const RegExpPrototypeGetSource = getter(RegExp.prototype, 'source');
  const RegExpPrototype = RegExp.prototype;
  const JSONStringify = JSON.stringify;
  const MathMin = Math.min;
  const MathMax = Math.max;
  const MathSqrt = Math.sqrt;
  const MathRound = Math.round;
  const MathFloor = Math.floor;
  const NumberPrototypeValueOf = uncurry(Number.prototype.valueOf);
  const NumberPrototypeToString = uncurry(Number.prototype.toString);
  const BooleanPrototypeValueOf = uncurry(Boolean.prototype.valueOf);
  const BigIntPrototypeValueOf = uncurry(BigInt.prototype.valueOf);
  const SymbolPrototypeValueOf = uncurry(Symbol.prototype.valueOf);
  const SymbolPrototypeToString = uncurry(Symbol.prototype.toString);
  const SymbolIterator = Symbol.iterator;
  const SymbolToStringTag = Symbol.toStringTag;
  const SymbolToPrimitive = Symbol.toPrimitive;
  const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
  const DatePrototypeGetTime = uncurry(Date.prototype.getTime);
  const DatePrototypeToISOString = uncurry(Date.prototype.toISOString);
  const DatePrototypeToString = uncurry(Date.prototype.toString);
  const MapPrototypeGetSize = getter(Map.prototype, 'size');
  const MapPrototypeForEach = uncurry(Map.prototype.forEach);
  const SetPrototypeGetSize = getter(Set.prototype, 'size');
  const SetPrototypeForEach = uncurry(Set.prototype.forEach);
  const WeakMapPrototypeHas = uncurry(WeakMap.prototype.has);
  const WeakSetPrototypeHas = uncurry(WeakSet.prototype.has);
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeGetSymbolToStringTag = getter(TypedArrayPrototype, SymbolToStringTag);
  const TypedArrayPrototypeGetLength = getter(TypedArrayPrototype, 'length');
  const ArrayBufferPrototypeGetByteLength = getter(ArrayBuffer.prototype, 'byteLength');
  const SharedArrayBufferCtor = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;
  const SharedArrayBufferPrototypeGetByteLength = SharedArrayBufferCtor ? getter(SharedArrayBufferCtor.prototype, 'byteLength') : undefined;
  const DataViewPrototypeGetByteLength = getter(DataView.prototype, 'byteLength');
  const Uint8ArrayCtor = Uint8Array;
  const MapCtor = Map;
  const MapPrototypeGet = uncurry(Map.prototype.get);
  const MapPrototypeSet = uncurry(Map.prototype.set);
  const SetCtor = Set;
  const SetPrototypeHas = uncurry(Set.prototype.has);
  const SetPrototypeAdd = uncurry(Set.prototype.add);
  const AsyncFunctionPrototype = ObjectGetPrototypeOf(async function () {});
  const GeneratorFunctionPrototype = ObjectGetPrototypeOf(function* () {});
  const AsyncGeneratorFunctionPrototype = ObjectGetPrototypeOf(async function* () {});

  // Names of the global constructors, used like Node's `builtInObjects` to recognise
  // built-in prototypes; captured now, before guest code adds its own globals.
  const builtInObjects = new SetCtor();
  const globalNames = ObjectGetOwnPropertyNames(globalThis);
  for (let i = 0; i < globalNames.length; i++) {
    if (RegExpPrototypeExec(/^[A-Z][a-zA-Z0-9]+$/, globalNames[i]) !== null) {
      SetPrototypeAdd(builtInObjects, globalNames[i]);
    }
  }

  const brand = (fn: any, value: any): boolean => {
    try {
      fn(value);
      return true;
    } catch {
      return false;
    }
  };
  const isMap = (v: any) => brand(MapPrototypeGetSize, v);
  const isSet = (v: any) => brand(SetPrototypeGetSize, v);
  const isWeakMap = (v: any) => brand((x: any) => WeakMapPrototypeHas(x, ObjectPrototype), v);
  const isWeakSet = (v: any) => brand((x: any) => WeakSetPrototypeHas(x, ObjectPrototype), v);
  const isDate = (v: any) => brand(DatePrototypeGetTime, v);
  const isRegExp = (v: any) => v !== RegExpPrototype && brand(RegExpPrototypeGetSource, v);
  const isTypedArray = (v: any) => TypedArrayPrototypeGetSymbolToStringTag(v) !== undefined;
  const isArrayBuffer = (v: any) => brand(ArrayBufferPrototypeGetByteLength, v);
  const isSharedArrayBuffer = (v: any) => SharedArrayBufferPrototypeGetByteLength !== undefined && brand(SharedArrayBufferPrototypeGetByteLength, v);
  const isDataView = (v: any) => brand(DataViewPrototypeGetByteLength, v);
  const isNumberObject = (v: any) => brand(NumberPrototypeValueOf, v);
  const isStringObject = (v: any) => brand(StringPrototypeValueOf, v);
  const isBooleanObject = (v: any) => brand(BooleanPrototypeValueOf, v);
  const isBigIntObject = (v: any) => brand(BigIntPrototypeValueOf, v);
  const isSymbolObject = (v: any) => brand(SymbolPrototypeValueOf, v);
  const isBoxedPrimitive = (v: any) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v);
  const builtinTag = (v: any): string => {
    try {
      return StringPrototypeSlice(ObjectPrototypeToString(v), 8, -1);
    } catch {
      return 'Object';
    }
  };
  const isError = (v: any) => builtinTag(v) === 'Error' || (typeof Error === 'function' && v instanceof Error);
  const isPromise = (v: any) => builtinTag(v) === 'Promise';
  const isArgumentsObject = (v: any) => builtinTag(v) === 'Arguments';
  const isMapIterator = (v: any) => builtinTag(v) === 'Map Iterator';
  const isSetIterator = (v: any) => builtinTag(v) === 'Set Iterator';
  const isStackOverflowError = (err: any) =>
    err !== null && typeof err === 'object' && err.name === 'RangeError' && typeof err.message === 'string' && StringPrototypeIncludes(err.message, 'call stack size');

  return {
    ObjectKeys,
    ObjectGetOwnPropertyNames,
    ObjectGetOwnPropertySymbols,
    ObjectGetOwnPropertyDescriptor,
    ObjectGetPrototypeOf,
    ObjectIs,
    ObjectHasOwn,
    ObjectPrototype,
    ObjectPrototypeToString,
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
    ArrayPrototypeMap,
    StringCtor,
    NumberCtor,
    NumberParseInt,
    NumberParseFloat,
    NumberIsNaN,
    StringPrototypeSlice,
    StringPrototypeCharCodeAt,
    StringPrototypeCodePointAt,
    StringPrototypeIncludes,
    StringPrototypeStartsWith,
    StringPrototypeEndsWith,
    StringPrototypeIndexOf,
    StringPrototypeRepeat,
    StringPrototypeSplit,
    StringPrototypePadStart,
    StringPrototypePadEnd,
    StringPrototypeReplaceAll,
    StringPrototypeToLowerCase,
    StringPrototypeValueOf,
    RegExpPrototypeExec,
    RegExpPrototypeToString,
    RegExpPrototypeSymbolReplace,
    RegExpPrototypeSymbolSplit,
    RegExpPrototypeGetSource,
    RegExpPrototype,
    JSONStringify,
    MathMin,
    MathMax,
    MathSqrt,
    MathRound,
    MathFloor,
    NumberPrototypeValueOf,
    NumberPrototypeToString,
    BooleanPrototypeValueOf,
    BigIntPrototypeValueOf,
    SymbolPrototypeValueOf,
    SymbolPrototypeToString,
    SymbolIterator,
    SymbolToStringTag,
    SymbolToPrimitive,
    customInspectSymbol,
    DatePrototypeGetTime,
    DatePrototypeToISOString,
    DatePrototypeToString,
    MapPrototypeGetSize,
    MapPrototypeForEach,
    SetPrototypeGetSize,
    SetPrototypeForEach,
    WeakMapPrototypeHas,
    WeakSetPrototypeHas,
    TypedArrayPrototype,
    TypedArrayPrototypeGetSymbolToStringTag,
    TypedArrayPrototypeGetLength,
    ArrayBufferPrototypeGetByteLength,
    SharedArrayBufferCtor,
    SharedArrayBufferPrototypeGetByteLength,
    DataViewPrototypeGetByteLength,
    Uint8ArrayCtor,
    MapCtor,
    MapPrototypeGet,
    MapPrototypeSet,
    SetCtor,
    SetPrototypeHas,
    SetPrototypeAdd,
    AsyncFunctionPrototype,
    GeneratorFunctionPrototype,
    AsyncGeneratorFunctionPrototype,
    builtInObjects,
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
    isSymbolObject,
    isBoxedPrimitive,
    builtinTag,
    isError,
    isPromise,
    isArgumentsObject,
    isMapIterator,
    isSetIterator,
    isStackOverflowError,
  };
}
