import ivm from 'isolated-vm';
import { bootstrapSource, RUNTIME_FILENAME } from './bootstrap-source';
import type { CaptureResult, GuestRunConfig, GuestRuntimeConfig } from '../guest/runtime';
import type { EventChunk, HostRunResult } from '../protocol';
import { exceptionFromHostError, exceptionFromSyntaxError, isCpuTimeout, isDisposal } from './host-errors';
import { HostModules } from './modules';
import { prepareSource, type PreparedSource } from './repl-rewrite';
import { randomToken } from './random-token';
import { compileLibrary, type CompiledLibrary } from './library-compile';
import type { CodeCacheUse, GuestEvent, ProducedCodeCache, RecordedCalls, RunBudget, RunRequest, SessionSpec } from '../runtime.types';
import type { TapeBegin, TapeEnd } from '../guest/tape';

/**
 * One session's isolate and context, inside the session host process. Lives for the whole
 * session so globals persist. Only this module (loaded only by the host) touches isolated-vm.
 */

/** Console batch sizes in the guest: 100 lines or 64 K characters per boundary crossing. */
const BATCH_LINES = 100;
const BATCH_CHARS = 64 * 1024;
/** No console line waits longer than this in the guest while more output follows (see guest-runtime). */
const FLUSH_AFTER_MS = 2;
/** The six catalog bundles load in 1–23 ms each (measured); this only stops a broken one. */
const LIBRARY_LOAD_TIMEOUT_MS = 10_000;
const PROGRESS_AFTER_MS = 50;

export type ChunkEmitter = (chunk: EventChunk) => void;

interface Control {
  beginRun: ivm.Reference<(json: string) => void>;
  drain: ivm.Reference<() => string>;
  capture: ivm.Reference<(value: unknown, mode: string, key: string) => string>;
  tapeBegin: ivm.Reference<(json: string) => void>;
  tapeEnd: ivm.Reference<() => string>;
}

/** How a run's outside observations are handled: kept for later, or fed back from the ledger. */
export type TapeUse = { mode: 'record' } | { mode: 'replay'; recorded?: RecordedCalls };

/** isolated-vm refuses less than 8 MB. */
const isolateMemoryLimit = (spec: SessionSpec): number => Math.max(8, spec.limits.mem_mb);

/** The memory limit a warm host prepares its isolate with: the templates' default mem_mb. */
export const PREPARED_MEMORY_LIMIT = 128;

/**
 * An isolate and context with the guest runtime's bootstrap compiled into them but not run:
 * nothing of any session is in it yet. A warm host builds one while it waits in the pool, so a
 * session create does not pay for the isolate, the context and compiling ~70 KB of runtime
 * source (6–20 ms measured here) on its critical path.
 */
export class PreparedIsolate {
  private constructor(
    readonly memoryLimit: number,
    readonly isolate: ivm.Isolate,
    readonly context: ivm.Context,
    /** The bootstrap as a function of ($0 emitter, $1 config JSON, $2 invoke, $3 host-module config JSON). */
    readonly install: ivm.Reference<(...args: unknown[]) => unknown>,
  ) {}

  static async build(memoryLimit: number): Promise<PreparedIsolate> {
    const isolate = new ivm.Isolate({ memoryLimit });
    try {
      const context = await isolate.createContext();
      const script = await isolate.compileScript(`(function ($0, $1, $2, $3) {${bootstrapSource()}\n})`, { filename: RUNTIME_FILENAME });
      const install = (await script.run(context, { timeout: 10_000, reference: true })) as ivm.Reference<(...args: unknown[]) => unknown>;
      script.release();
      return new PreparedIsolate(memoryLimit, isolate, context, install);
    } catch (err) {
      if (!isolate.isDisposed) isolate.dispose();
      throw err;
    }
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

export class IsolateSession {
  private control!: Control;
  private context!: ivm.Context;
  /** What each library's compile did with its code cache (reported to the daemon). */
  readonly libraryCodeCaches: Record<string, CodeCacheUse> = {};
  /** What the libraries observed while they loaded (recorded), when anything. */
  libraryCalls: RecordedCalls | undefined;
  private emit: ChunkEmitter;

  private constructor(
    private readonly spec: SessionSpec,
    private readonly isolate: ivm.Isolate,
    private readonly defaultEmit: ChunkEmitter,
    private readonly hostModules: HostModules,
  ) {
    this.emit = defaultEmit;
  }

  /** Sends the guest's events elsewhere (a replay compares them instead of reporting them); null restores. */
  redirect(emit: ChunkEmitter | null): void {
    this.emit = emit ?? this.defaultEmit;
  }

  get limits(): SessionSpec['limits'] {
    return this.spec.limits;
  }

  /**
   * Builds the session's isolate, context and runtime. `prepared`, when its memory limit is the
   * session's, is used instead of building a new isolate (see PreparedIsolate); otherwise it is
   * disposed. `onCodeCaches` gets the libraries' new code caches before any library runs.
   */
  static async create(
    spec: SessionSpec,
    emit: ChunkEmitter,
    prepared?: PreparedIsolate | null,
    onCodeCaches: (produced: ProducedCodeCache[]) => void = () => undefined,
  ): Promise<IsolateSession> {
    const memoryLimit = isolateMemoryLimit(spec);
    let ready = prepared ?? null;
    if (ready !== null && ready.memoryLimit !== memoryLimit) {
      ready.dispose();
      ready = null;
    }
    ready ??= await PreparedIsolate.build(memoryLimit);
    const session = new IsolateSession(spec, ready.isolate, emit, new HostModules(spec));
    try {
      await session.bootstrap(ready, onCodeCaches);
    } catch (err) {
      session.isolate.dispose();
      throw err;
    }
    return session;
  }

  private async bootstrap(prepared: PreparedIsolate, onCodeCaches: (produced: ProducedCodeCache[]) => void): Promise<void> {
    this.context = prepared.context;
    const config: GuestRuntimeConfig = {
      modules: this.spec.modules,
      console: this.spec.runtime.console,
      batchLines: BATCH_LINES,
      batchChars: BATCH_CHARS,
      flushAfterMs: FLUSH_AFTER_MS,
    };
    // Console batches are forwarded untouched; the daemon validates them (they are guest data).
    const emitter = new ivm.Callback((batchJson: string) => {
      if (typeof batchJson === 'string') this.emit(batchJson);
    });
    // require(name) of an enabled host module ends here; arguments and reply are JSON text.
    const invoke = new ivm.Callback((module: unknown, fn: unknown, argsJson: unknown) => this.hostModules.invoke(module, fn, argsJson));
    const hostConfig = JSON.stringify(this.hostModules.guestConfig());
    // The Callbacks are arguments of the bootstrap function, kept in its closure: no guest
    // global can reach them, and the function itself is never reachable from the guest.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the guest's control object, read member by member below
    const controlRef: ivm.Reference<any> = await prepared.install.apply(undefined, [emitter, JSON.stringify(config), invoke, hostConfig], {
      timeout: 10_000,
      result: { reference: true },
    });
    prepared.install.release();
    this.control = {
      beginRun: controlRef.getSync('beginRun', { reference: true }),
      drain: controlRef.getSync('drain', { reference: true }),
      capture: controlRef.getSync('capture', { reference: true }),
      tapeBegin: controlRef.getSync('tapeBegin', { reference: true }),
      tapeEnd: controlRef.getSync('tapeEnd', { reference: true }),
    };
    controlRef.release();
    // Every library compiled before any runs: the caches handed on are made by our code alone.
    const compiled: CompiledLibrary[] = [];
    for (const library of this.spec.libraries ?? []) compiled.push(await compileLibrary(this.isolate, library));
    onCodeCaches(compiled.flatMap(({ library, produced }) => (produced ? [{ id: library.id, data: produced }] : [])));
    // Libraries may read the clock or random while they load: that is on the tape too.
    const libraryCalls = this.spec.libraryCalls;
    this.beginTape(libraryCalls ? { mode: 'replay', recorded: libraryCalls } : { mode: 'record' });
    for (const library of compiled) await this.runLibrary(library);
    const tape = this.endTape();
    if (tape.divergence !== null) throw new Error(`Replay diverged while the libraries loaded: ${tape.divergence}`);
    this.libraryCalls = tape.recorded ?? undefined;
  }

  private beginTape(use: TapeUse): void {
    const config: TapeBegin = { mode: use.mode, maxCalls: this.spec.maxRecordedCalls };
    if (use.mode === 'replay' && use.recorded) config.recorded = use.recorded;
    this.control.tapeBegin.applySync(undefined, [JSON.stringify(config)], { timeout: 1000 });
  }

  private endTape(): TapeEnd {
    return JSON.parse(this.control.tapeEnd.applySync(undefined, [], { timeout: 1000 }) as string) as TapeEnd;
  }

  /** A UMD bundle run as a script: with no module/exports/define it attaches to globalThis. */
  private async runLibrary({ library: { id, global, bundleGlobal }, script, cacheUse }: CompiledLibrary): Promise<void> {
    this.libraryCodeCaches[id] = cacheUse;
    try {
      await script.run(this.context, { timeout: LIBRARY_LOAD_TIMEOUT_MS });
    } finally {
      script.release();
    }
    if (bundleGlobal) {
      const alias = `if (globalThis[${JSON.stringify(global)}] === undefined) globalThis[${JSON.stringify(global)}] = globalThis[${JSON.stringify(bundleGlobal)}];`;
      await this.context.eval(alias, { timeout: LIBRARY_LOAD_TIMEOUT_MS });
    }
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
    this.hostModules.close();
  }

  /**
   * Runs one execution. Host functions share its wall budget (see ExecutionClock); when one of
   * them ran out of it, the execution is a timeout whatever the guest did with the error.
   */
  async run(req: RunRequest, budget: RunBudget, onProgress: (cpuMs: number) => void, tape: TapeUse = { mode: 'record' }): Promise<HostRunResult> {
    this.hostModules.beginRun(this.spec.limits.wall_ms);
    let result: HostRunResult;
    try {
      this.beginTape(tape);
      result = await this.runGuest(req, budget, onProgress, tape.mode === 'replay');
    } catch (err) {
      this.hostModules.endRun();
      throw err;
    }
    const wallExceeded = this.hostModules.endRun();
    if (result.crashed === undefined) result = this.withTape(result);
    if (wallExceeded && result.crashed === undefined) return { ...result, status: 'timeout', wallTimeout: true };
    return result;
  }

  private withTape(result: HostRunResult): HostRunResult {
    const tape = this.endTape();
    const withTape: HostRunResult = { ...result };
    if (tape.recorded !== null) withTape.recordedCalls = tape.recorded;
    if (tape.divergence !== null) withTape.divergence = tape.divergence;
    if (tape.overflowed) {
      withTape.recordingOverflowed = true;
      if (withTape.status === 'ok') withTape.status = 'error';
    }
    return withTape;
  }

  private async runGuest(req: RunRequest, budget: RunBudget, onProgress: (cpuMs: number) => void, replaying: boolean): Promise<HostRunResult> {
    const limits = this.spec.limits;
    // isolated-vm treats a missing/zero timeout as "none": never let a bad limit mean unlimited.
    const cpuLimit = Math.max(1, limits.cpu_ms);
    const cpuStart = this.isolate.cpuTime;
    const cpuMs = () => (this.isolate.isDisposed ? 0 : Number(this.isolate.cpuTime - cpuStart) / 1e6);
    const filename = req.kind === 'repl' ? 'repl' : req.filename;
    const thrownKey = `__vm_thrown_${randomToken()}`;
    try {
      const runConfig: GuestRunConfig = {
        eventsUsed: budget.eventsUsed,
        bytesUsed: budget.bytesUsed,
        maxEvents: limits.max_events,
        maxBytes: limits.max_output_kb * 1024,
        args: req.kind === 'file' ? (req.args ?? {}) : undefined,
        env: req.kind === 'file' ? (req.env ?? {}) : undefined,
      };
      this.control.beginRun.applySync(undefined, [JSON.stringify(runConfig)], { timeout: cpuLimit });
    } catch (err) {
      return this.failure(err, cpuMs());
    }

    const prepared = prepareSource(req.code, { kind: req.kind, strict: this.spec.runtime.strict, thrownKey });
    let script: ivm.Script;
    let mode: PreparedSource['mode'];
    try {
      ({ script, mode } = this.compile(prepared, req.code, filename));
    } catch (err) {
      if (this.isolate.isDisposed) return this.failure(err, 0);
      this.emit({ type: 'exception', payload: exceptionFromSyntaxError(err, req.code) });
      return { status: 'error', cpuMs: cpuMs() };
    }

    let valueRef: ivm.Reference<unknown> | undefined;
    try {
      // A replay has nobody to answer meanwhile, so input with nothing to await runs in place,
      // without the async run's round trip to the isolate's thread (~80 µs of a replayed run).
      valueRef =
        replaying && mode !== 'async'
          ? script.runSync(this.context, { timeout: cpuLimit, reference: true })
          : await script.run(this.context, { timeout: cpuLimit, reference: true });
      const remaining = Math.max(1, Math.ceil(cpuLimit - cpuMs()));
      // The guest describes the value under the cpu timeout and hands back a string: getters,
      // proxies and huge values never reach a host-side copy.
      const args: [ivm.Dereference<unknown>, string, string] = [valueRef.derefInto(), mode, thrownKey];
      let json: unknown;
      if (mode === 'async') {
        // Awaiting a promise that may never settle: report the cpu used so far in case the wall
        // timer has to kill us (only when it is slow, to spare a message on every run).
        const progress = setTimeout(() => onProgress(cpuMs()), PROGRESS_AFTER_MS);
        json = await this.control.capture.apply(undefined, args, { timeout: remaining, result: { promise: true } }).finally(() => clearTimeout(progress));
      } else {
        // Nothing to await: describe the value in place, without a round trip to the isolate's thread.
        json = this.control.capture.applySync(undefined, args, { timeout: remaining });
      }
      const captured = JSON.parse(json as string) as CaptureResult;
      // After the guest stopped at a limit, its final value/exception is "further output".
      if (captured.tripped === null) {
        this.emit(
          captured.kind === 'value'
            ? { type: 'value', payload: captured.payload as Extract<GuestEvent, { type: 'value' }>['payload'] }
            : { type: 'exception', payload: captured.payload as { message: string; stack: string } },
        );
      }
      return {
        status: captured.kind === 'value' ? 'ok' : 'error',
        limitExceeded: captured.tripped ?? undefined,
        cpuMs: cpuMs(),
      };
    } catch (err) {
      return this.failure(err, cpuMs());
    } finally {
      valueRef?.release();
      script.release();
    }
  }

  // Try the rewritten source; if V8 rejects it, the original decides: it either runs as is or
  // gives the syntax error with the user's own positions. Compiled synchronously: the async
  // compile is a round trip to the isolate's thread (~40–100 µs of a 1+1 run here), and this
  // host has nothing else to do meanwhile.
  private compile(prepared: PreparedSource, original: string, filename: string): { script: ivm.Script; mode: PreparedSource['mode'] } {
    try {
      const script = this.isolate.compileScriptSync(prepared.code, { filename, lineOffset: prepared.lineOffset });
      return { script, mode: prepared.mode };
    } catch (err) {
      if (prepared.mode === 'raw' || this.isolate.isDisposed) throw err;
      const script = this.isolate.compileScriptSync(original, { filename });
      return { script, mode: 'raw' as const };
    }
  }

  private failure(err: unknown, cpuMs: number): HostRunResult {
    if (this.isolate.isDisposed || isDisposal(err)) {
      const detail = err instanceof Error ? err.message : String(err);
      const memory = /memory limit/i.test(detail);
      const crashed = memory ? `Isolate was disposed after exceeding its memory limit (mem_mb ${this.spec.limits.mem_mb})` : `Isolate was disposed: ${detail}`;
      return { status: 'error', crashed, hostLoss: memory ? 'memory' : 'host_lost', cpuMs };
    }
    const tripped = this.drainConsole();
    if (isCpuTimeout(err)) return { status: 'timeout', cpuTimeout: true, limitExceeded: tripped, cpuMs };
    if (tripped === undefined) this.emit({ type: 'exception', payload: exceptionFromHostError(err) });
    return { status: 'error', limitExceeded: tripped, cpuMs };
  }

  /** Emits console lines still buffered in the guest; returns the limit the guest tripped, if any. */
  private drainConsole(): HostRunResult['limitExceeded'] {
    try {
      const drained = JSON.parse(this.control.drain.applySync(undefined, [], { timeout: 1000 })) as {
        lines: unknown;
        tripped: HostRunResult['limitExceeded'] | null;
      };
      if (Array.isArray(drained.lines) && drained.lines.length > 0) this.emit(JSON.stringify(drained.lines));
      return drained.tripped ?? undefined;
    } catch {
      return undefined;
    }
  }
}
