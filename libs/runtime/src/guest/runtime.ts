import type { GuestHostModules } from './host-modules';
import type { GuestInspector } from './inspector';

/**
 * The session's bootstrap, run once INSIDE the guest isolate (its source text is injected by
 * `bootstrapSource`). It must reference nothing outside its own body.
 *
 * It installs the console shim, `require`, `self`, and returns the control functions the host
 * keeps as References (never reachable from guest globals): `beginRun`, `drain`, `capture`.
 * The only host function it sees is `emit`, a sync ivm Callback captured in this closure; host
 * modules come in as `hostModules`, already wrapped (see guest-host-modules.ts).
 *
 * Console output is formatted here and buffered, then handed to the host in batches (fewer
 * boundary crossings: a crossing costs ~33 µs under async runs, so 100k one-line calls would
 * cost seconds). The guest also counts events and payload bytes exactly like the daemon does,
 * because only the guest can stop the code at the very call that would cross a limit: that
 * call throws, and every later console call throws too. The daemon re-counts (authoritative).
 *
 * Batching must not hold a line back for long: a line followed by a spin or a memory bomb
 * would never leave the guest. So a line that comes after a quiet spell is handed over at
 * once, and no buffered line waits more than `flushAfterMs` for the next console call; only
 * a flood is batched, and a flood that ends in a crash loses at most that window.
 */

export interface GuestRuntimeConfig {
  modules: string[];
  console: boolean;
  batchLines: number;
  batchChars: number;
  flushAfterMs: number;
}

export interface GuestRunConfig {
  eventsUsed: number;
  bytesUsed: number;
  maxEvents: number;
  maxBytes: number;
  /** Present for file runs: become the `__ARGS__` and `__ENV__` globals. */
  args?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

export interface GuestControl {
  beginRun(configJson: string): void;
  /** Console lines not yet emitted and the tripped limit, as JSON `{lines: [[level, text]], tripped}`. */
  drain(): string;
  /** Describes the run's result; returns JSON (see CaptureResult), or a promise of it in async mode. */
  capture(value: unknown, mode: string, thrownKey: string): string | Promise<string>;
}

/** What `capture` returns (as JSON), read by the host. */
export interface CaptureResult {
  kind: 'value' | 'exception';
  payload: { type: string; preview: string; json?: unknown } | { message: string; stack: string };
  /** Set when the guest-side counter hit a limit during this run. */
  tripped: 'max_events' | 'max_output_kb' | null;
}

export function installGuestRuntime(emit: (batchJson: string) => void, configJson: string, inspector: GuestInspector, hostModules: GuestHostModules): GuestControl {
  const DateNow = Date.now;
  const JSONParse = JSON.parse;
  const JSONStringify = JSON.stringify;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectHasOwn = Object.hasOwn;
  const ObjectFreeze = Object.freeze;
  const StringCtor = String;
  const ErrorCtor = Error;
  const uncurry = (fn: any): any => Function.prototype.call.bind(fn);
  const ArrayPrototypePush = uncurry(Array.prototype.push);
  const ArrayPrototypeIncludes = uncurry(Array.prototype.includes);
  const StringPrototypeCharCodeAt = uncurry(String.prototype.charCodeAt);
  const PromisePrototypeThen = uncurry(Promise.prototype.then);
  const global: any = globalThis;

  const config: GuestRuntimeConfig = JSONParse(configJson);
  const modules: string[] = config.modules;

  let buffer: string[][] = [];
  let bufferedChars = 0;
  let events = 0;
  let bytes = 0;
  let maxEvents = Infinity;
  let maxBytes = Infinity;
  let tripped: 'max_events' | 'max_output_kb' | null = null;

  // UTF-8 length, equal to Buffer.byteLength for the well-formed strings JSON.stringify returns.
  function utf8Length(s: string): number {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = StringPrototypeCharCodeAt(s, i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          n += 4;
          i++;
        } else {
          n += 3;
        }
      } else n += 3;
    }
    return n;
  }

  function limitError(limit: string): Error {
    return new ErrorCtor(`Output limit exceeded (${limit}): console output stopped`);
  }

  let lastFlushAt = 0;
  let oldestBufferedAt = 0;

  function flush(): void {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    bufferedChars = 0;
    lastFlushAt = DateNow();
    emit(JSONStringify(batch));
  }

  function record(level: string, text: string): void {
    if (tripped !== null) throw limitError(tripped);
    if (events + 1 > maxEvents) {
      tripped = 'max_events';
      throw limitError(tripped);
    }
    // Each character is at least one byte, so a text longer than what is left cannot fit:
    // decide without building (and measuring) a huge JSON string.
    const size = text.length > maxBytes - bytes ? Infinity : utf8Length(JSONStringify({ level, text }));
    if (bytes + size > maxBytes) {
      tripped = 'max_output_kb';
      throw limitError(tripped);
    }
    events += 1;
    bytes += size;
    const now = DateNow();
    if (buffer.length === 0) oldestBufferedAt = now;
    ArrayPrototypePush(buffer, [level, text]);
    bufferedChars += text.length;
    const quietBefore = buffer.length === 1 && now - lastFlushAt >= config.flushAfterMs;
    const waitedEnough = now - oldestBufferedAt >= config.flushAfterMs;
    if (quietBefore || waitedEnough || buffer.length >= config.batchLines || bufferedChars >= config.batchChars) flush();
  }

  function makeConsole(): any {
    const write = (level: string, args: unknown[]) => {
      if (!config.console) return;
      record(level, inspector.formatArgs(args));
    };
    return {
      log(...args: unknown[]) {
        write('log', args);
      },
      info(...args: unknown[]) {
        write('info', args);
      },
      warn(...args: unknown[]) {
        write('warn', args);
      },
      error(...args: unknown[]) {
        write('error', args);
      },
      debug(...args: unknown[]) {
        write('debug', args);
      },
      dir(value: unknown, options?: any) {
        if (!config.console) return;
        record('log', inspector.inspect(value, options && typeof options === 'object' ? { depth: options.depth } : undefined));
      },
    };
  }

  function require(name: unknown): object {
    const id = StringCtor(name);
    if (!ArrayPrototypeIncludes(modules, id)) throw new ErrorCtor(`Invalid module: ${id}`);
    const hostModule = hostModules.load(id);
    if (hostModule !== undefined) return hostModule;
    throw new ErrorCtor(`Module not available yet: ${id}`);
  }

  const hidden = { writable: true, configurable: true, enumerable: false };
  ObjectDefineProperty(global, 'console', { ...hidden, value: makeConsole() });
  ObjectDefineProperty(global, 'require', { ...hidden, value: require });
  ObjectDefineProperty(global, 'self', { ...hidden, value: global });

  function defineGlobal(name: string, value: unknown): void {
    try {
      ObjectDefineProperty(global, name, { ...hidden, value });
    } catch {
      global[name] = value; // the guest made it non-configurable; best effort
    }
  }

  function result(kind: 'value' | 'exception', payloadJson: string): string {
    return `{"kind":"${kind}","payload":${payloadJson},"tripped":${JSONStringify(tripped)}}`;
  }

  function valueResult(value: unknown): string {
    const d = inspector.describeValue(value);
    const json = d.jsonText === undefined ? '' : `,"json":${d.jsonText}`;
    return result('value', `{"type":${JSONStringify(d.type)},"preview":${JSONStringify(d.preview)}${json}}`);
  }

  function exceptionResult(thrown: unknown): string {
    const d = inspector.describeThrown(thrown);
    return result('exception', JSONStringify({ message: d.message, stack: d.stack }));
  }

  return ObjectFreeze({
    beginRun(runJson: string): void {
      const run: GuestRunConfig = JSONParse(runJson);
      buffer = [];
      bufferedChars = 0;
      events = run.eventsUsed;
      bytes = run.bytesUsed;
      maxEvents = run.maxEvents;
      maxBytes = run.maxBytes;
      tripped = null;
      if (run.args !== undefined) defineGlobal('__ARGS__', run.args);
      if (run.env !== undefined) defineGlobal('__ENV__', run.env);
    },
    drain(): string {
      const lines = buffer;
      buffer = [];
      bufferedChars = 0;
      return JSONStringify({ lines, tripped });
    },
    capture(value: unknown, mode: string, thrownKey: string): string | Promise<string> {
      // Emit what the synchronous part logged before anything else (and before waiting):
      // if the promise never settles, the host kills us and these lines are already out.
      flush();
      if (mode === 'async') {
        return PromisePrototypeThen(
          value,
          (boxed: any) => {
            flush();
            return valueResult(boxed === undefined ? undefined : boxed.value);
          },
          (thrown: unknown) => {
            flush();
            return exceptionResult(thrown);
          },
        );
      }
      if (mode === 'sync' && value !== null && typeof value === 'object' && ObjectHasOwn(value, thrownKey)) {
        return exceptionResult((value as any)[thrownKey]);
      }
      return valueResult(value);
    },
  });
}
