/**
 * The guest half of host modules and capabilities. Runs INSIDE the guest isolate at bootstrap,
 * from its source text (see bootstrap-source.ts), before any guest code; must reference nothing
 * outside its own body.
 *
 * `require('fs')` (etc.) returns a frozen object of plain guest functions. Each one serialises
 * its arguments to JSON here, calls `invoke` (the host's sync ivm.Callback, held only in this
 * closure) and parses the JSON reply, so values cross as copies and the guest never holds a
 * host object. Host errors come back as data and are thrown here as guest `Error`s carrying
 * the host's message and extra properties (`code`, `exitCode`, `output`...).
 *
 * The intrinsics used are captured now, so guest tampering later (JSON.parse = ...) cannot
 * reach them. Strict mode keeps these functions out of `fn.caller` chains.
 *
 * Enabled `env` capabilities become the global `env`: a frozen object holding only those
 * variables (see host-modules/capabilities.ts); it is absent when none is enabled.
 */

export interface GuestHostModulesConfig {
  /** Enabled host modules: name → function names. */
  modules: Record<string, string[]>;
  /** Enabled env capabilities (name → value; unset variables are absent), or null when none. */
  env: Record<string, string> | null;
}

export interface GuestHostModules {
  /** The module object for an enabled host module, the same one on every call; undefined otherwise. */
  load(name: string): object | undefined;
}

export type HostInvoke = (module: string, fn: string, argsJson: string) => string;

export function createGuestHostModules(invoke: HostInvoke, configJson: string): GuestHostModules {
  'use strict';
  const JSONParse = JSON.parse;
  const JSONStringify = JSON.stringify;
  const ObjectCreate = Object.create;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectFreeze = Object.freeze;
  const ObjectHasOwn = Object.hasOwn;
  const ObjectKeys = Object.keys;
  const StringCtor = String;
  const ErrorCtor = Error;
  const global: any = globalThis;

  const config: GuestHostModulesConfig = JSONParse(configJson);
  const cache: Record<string, object> = ObjectCreate(null);

  // Descriptors without a prototype: modules are built lazily, after guest code may have put
  // `get`/`set` on Object.prototype, which a plain descriptor object would inherit.
  function dataDescriptor(value: unknown, enumerable: boolean, writable: boolean): PropertyDescriptor {
    const d: PropertyDescriptor = ObjectCreate(null);
    d.value = value;
    d.enumerable = enumerable;
    d.writable = writable;
    d.configurable = writable;
    return d;
  }

  function describe(err: any): string {
    try {
      return StringCtor(err && err.message);
    } catch {
      return 'unknown error';
    }
  }

  function call(module: string, fn: string, args: unknown[]): unknown {
    let argsJson: string;
    try {
      argsJson = JSONStringify(args);
    } catch (err) {
      throw new ErrorCtor(`${module}.${fn}: arguments must be JSON-serialisable (${describe(err)})`);
    }
    const reply = JSONParse(invoke(module, fn, argsJson));
    if (reply[0] === 0) return reply.length > 1 ? reply[1] : undefined;
    const detail = reply[1];
    const error = new ErrorCtor(detail.message);
    const keys = ObjectKeys(detail);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 'message') continue;
      ObjectDefineProperty(error, keys[i], dataDescriptor(detail[keys[i]], true, true));
    }
    throw error;
  }

  function build(module: string, names: string[]): object {
    const exports: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const fn = names[i];
      const wrapper = (...args: unknown[]) => call(module, fn, args);
      ObjectDefineProperty(wrapper, 'name', dataDescriptor(fn, false, false));
      ObjectDefineProperty(exports, fn, dataDescriptor(ObjectFreeze(wrapper), true, false));
    }
    return ObjectFreeze(exports);
  }

  if (config.env !== null) {
    ObjectDefineProperty(global, 'env', dataDescriptor(ObjectFreeze(config.env), false, true));
  }

  return ObjectFreeze({
    load(name: string): object | undefined {
      if (!ObjectHasOwn(config.modules, name)) return undefined;
      if (!ObjectHasOwn(cache, name)) cache[name] = build(name, config.modules[name]);
      return cache[name];
    },
  });
}
