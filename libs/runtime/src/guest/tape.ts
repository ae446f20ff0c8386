import type { RecordedCalls } from '@vm-system/domain';

/**
 * The recorded-call tape. Runs INSIDE the guest isolate at bootstrap, from its source text
 * (see bootstrap-source.ts); must reference nothing outside its own body.
 *
 * What the guest observes from outside (the clock, Math.random, host-module replies) goes
 * through here. While recording, each value is taken from the world and kept; while
 * replaying, it is taken from the tape and the world is not asked: a resumed session sees
 * the values it saw, and no write or command is repeated. Outside a run (no tape begun) the
 * world answers and nothing is kept.
 *
 * The real clock and random are captured before anything can replace them, and the
 * wrappers are installed (installGlobals) after the runtime has captured its own clock, so
 * the console's batching never lands on the tape.
 */

export type TapeMode = 'record' | 'replay';

export interface TapeBegin {
  mode: TapeMode;
  /** The tape to replay from (replay mode). */
  recorded?: RecordedCalls;
  /** At most this many calls recorded; the next one throws and marks the recording incomplete. */
  maxCalls: number;
}

/** What `end` reports, as JSON. */
export interface TapeEnd {
  /** Recording mode: what was observed (null when nothing was). */
  recorded: RecordedCalls | null;
  overflowed: boolean;
  /** Replay mode: the first call that did not match the tape, said in words. */
  divergence: string | null;
}

/** Host-module calls replay re-runs (they rebuild host-side state and change nothing outside). */
export const REPLAY_RERUNS: readonly string[] = ['database.configure', 'database.close'];

export interface GuestTape {
  begin(configJson: string): void;
  end(): string;
  /** Wraps the host-module Callback: its replies are recorded or replayed. */
  wrapInvoke(invoke: (module: string, fn: string, argsJson: string) => string): (module: string, fn: string, argsJson: string) => string;
  /** Replaces Date and Math.random with their recorded twins. */
  installGlobals(): void;
}

export function createGuestTape(rerunsJson: string): GuestTape {
  'use strict';
  const RealDate = Date;
  const realNow = Date.now;
  const realRandom = Math.random;
  const JSONParse = JSON.parse;
  const JSONStringify = JSON.stringify;
  const ReflectConstruct = Reflect.construct;
  const ObjectDefineProperty = Object.defineProperty;
  const ErrorCtor = Error;
  const ArrayPrototypeIncludes = Function.prototype.call.bind(Array.prototype.includes) as (a: unknown[], v: unknown) => boolean;
  const ObjectCreate = Object.create;
  const global: any = globalThis;
  const reruns: string[] = JSONParse(rerunsJson);

  type Kind = 'clock' | 'random' | 'calls';
  const WHAT: Record<Kind, string> = { clock: 'clock reading (Date)', random: 'Math.random() value', calls: 'host-module call' };

  let mode: TapeMode | null = null;
  let tape: RecordedCalls = { clock: [], random: [], calls: [] };
  let used = { clock: 0, random: 0, calls: 0 };
  let count = 0;
  let maxCalls = Infinity;
  let overflowed = false;
  let divergence: string | null = null;

  function take<T>(kind: Kind, fromWorld: () => T): T {
    if (mode === null) return fromWorld();
    if (mode === 'replay') {
      const list = tape[kind] as unknown as T[];
      const index = used[kind];
      if (index >= list.length) {
        const said = `one ${WHAT[kind]} more than recorded (#${index + 1}, ${list.length} recorded)`;
        if (divergence === null) divergence = said;
        throw new ErrorCtor(`Replay diverged: ${said}`);
      }
      used[kind] = index + 1;
      return list[index];
    }
    if (overflowed || count >= maxCalls) {
      overflowed = true;
      throw new ErrorCtor(`Recorded calls limit reached (runtime.max_recorded_calls ${maxCalls}): this execution observed too much of the outside world to be replayed`);
    }
    const value = fromWorld();
    count += 1;
    append(tape[kind] as unknown[], value);
    return value;
  }

  // Defined, not pushed: guest code may have put setters on Array.prototype's indexes.
  function append(list: unknown[], value: unknown): void {
    const descriptor: PropertyDescriptor = ObjectCreate(null);
    descriptor.value = value;
    descriptor.writable = true;
    descriptor.enumerable = true;
    descriptor.configurable = true;
    ObjectDefineProperty(list, list.length, descriptor);
  }

  const now = (): number => take('clock', () => realNow());

  function RecordedDate(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new RealDate(now()).toString();
    return ReflectConstruct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }

  return {
    begin(configJson: string): void {
      const config: TapeBegin = JSONParse(configJson);
      mode = config.mode;
      tape = config.recorded ?? { clock: [], random: [], calls: [] };
      used = { clock: 0, random: 0, calls: 0 };
      count = 0;
      maxCalls = config.maxCalls;
      overflowed = false;
      divergence = null;
    },

    end(): string {
      let said = divergence;
      if (mode === 'replay' && said === null) {
        for (const kind of ['clock', 'random', 'calls'] as Kind[]) {
          if (used[kind] < tape[kind].length) {
            said = `${tape[kind].length - used[kind]} ${WHAT[kind]}(s) fewer than recorded`;
            break;
          }
        }
      }
      const recorded = mode === 'record' && count > 0 ? tape : null;
      const result: TapeEnd = { recorded, overflowed, divergence: said };
      mode = null;
      tape = { clock: [], random: [], calls: [] };
      return JSONStringify(result);
    },

    wrapInvoke(invoke) {
      return (module: string, fn: string, argsJson: string): string => {
        if (mode === 'replay' && ArrayPrototypeIncludes(reruns, `${module}.${fn}`)) invoke(module, fn, argsJson);
        return take('calls', () => invoke(module, fn, argsJson));
      };
    },

    installGlobals(): void {
      ObjectDefineProperty(RecordedDate, 'name', { value: 'Date' });
      ObjectDefineProperty(RecordedDate, 'length', { value: 7 });
      RecordedDate.prototype = RealDate.prototype;
      const statics = { now, parse: RealDate.parse, UTC: RealDate.UTC };
      for (const key of ['now', 'parse', 'UTC'] as const) {
        ObjectDefineProperty(RecordedDate, key, { value: statics[key], writable: true, configurable: true, enumerable: false });
      }
      ObjectDefineProperty(RealDate.prototype, 'constructor', { value: RecordedDate, writable: true, configurable: true, enumerable: false });
      ObjectDefineProperty(global, 'Date', { value: RecordedDate, writable: true, configurable: true, enumerable: false });
      const random = function random(): number {
        return take('random', () => realRandom());
      };
      ObjectDefineProperty(global.Math, 'random', { value: random, writable: true, configurable: true, enumerable: false });
    },
  };
}
