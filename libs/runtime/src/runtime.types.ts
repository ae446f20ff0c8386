import type { HostLoss, RecordedCalls } from '@vm-system/domain';

/**
 * The contract between the daemon (core) and the runtime. The runtime knows nothing
 * of Nest, TypeORM or the ledger: it runs guest code in a child process per session and
 * reports what the guest produced, in order.
 */

export interface RuntimeLimits {
  cpu_ms: number;
  wall_ms: number;
  mem_mb: number;
  max_events: number;
  max_output_kb: number;
}

export interface SessionSpec {
  sessionId: string;
  /** Absolute, already validated worktree directory. */
  worktreePath: string;
  limits: RuntimeLimits;
  /** Lower-case module names the template enables (require(name) is allowed for these). */
  modules: string[];
  runtime: { console: boolean; strict: boolean };
  /**
   * The template's capability records, as recorded. Honoured in the host: `env` (enabled, name
   * NAME) exposes that one daemon environment variable to the guest as `env.NAME`; `fs` with
   * config `{"read_only": true}` makes the fs module's writes throw. `net` and the rest need
   * nothing (a session has no network API). Optional so older callers compile: default [].
   */
  capabilities?: SessionCapability[];
  /**
   * Catalog libraries, already read from the cache and verified, loaded in this order into
   * the global scope after the runtime is installed and before any startup file.
   */
  libraries?: SessionLibrary[];
  /** Outside observations one execution may record (runtime.max_recorded_calls). */
  maxRecordedCalls: number;
  /** Set on a restore: what the libraries observed when they first loaded, fed back to them. */
  libraryCalls?: RecordedCalls;
}

export interface SessionLibrary {
  id: string;
  /** The global the template's users expect (`_`, `R`, `zustand`, …). */
  global: string;
  /** The global the bundle itself defines, when it differs (zustand's UMD: `zustandVanilla`). */
  bundleGlobal?: string;
  code: string;
  /** The code's sha256 as the daemon checked it: the key of its code cache. */
  sha256?: string;
  /** V8's code cache for `code`, made by an earlier host's compile (see LibraryCodeCaches). */
  codeCache?: Uint8Array;
}

/** What a host did with a library's code cache: made one, used the daemon's, or had it refused by V8. */
export type CodeCacheUse = 'produced' | 'used' | 'rejected';

/** Code caches a host made at start, one per library compiled without a usable cache. */
export interface ProducedCodeCache {
  id: string;
  data: Uint8Array;
}

export interface SessionCapability {
  kind: string;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
}

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

/** Payloads exactly as the REST contract's event table describes them. */
export type GuestEvent =
  | { type: 'console'; payload: { level: ConsoleLevel; text: string } }
  | { type: 'value'; payload: { type: string; preview: string; json?: unknown } }
  | { type: 'exception'; payload: { message: string; stack: string } }
  | { type: 'system'; payload: { level: 'info' | 'warn' | 'error'; message: string } }
  | { type: 'stdout' | 'stderr'; payload: { text: string } };

export type RunRequest =
  | { kind: 'repl'; code: string }
  /** filename is the worktree-relative path; it names the file in stack traces. */
  | {
      kind: 'file';
      code: string;
      filename: string;
      args?: Record<string, unknown>;
      /** Recorded by the contract; the guest sees it as the global `__ENV__` (default {}). */
      env?: Record<string, unknown>;
    };

export interface RunBudget {
  /** Events already counted for this execution (input_echo), towards max_events. */
  eventsUsed: number;
  /** Payload JSON bytes already counted, towards max_output_kb. */
  bytesUsed: number;
}

export interface RunOutcome {
  status: 'ok' | 'error' | 'timeout' | 'cancelled';
  /** Set when the isolate or its host is gone: why, in words. */
  crashed?: string;
  /** Set with `crashed`: how the host was lost (its live state is gone). */
  hostLoss?: HostLoss;
  /** What the guest observed from outside, for replay (absent when nothing). */
  recordedCalls?: RecordedCalls;
  /** More than maxRecordedCalls observations: the recording is incomplete. */
  recordingOverflowed?: boolean;
  /** Stopped part-way by a close or a shutdown: not replayable. */
  abandoned?: boolean;
  /** Set when max_events or max_output_kb stopped the code. */
  limitExceeded?: 'max_events' | 'max_output_kb';
  metrics: { wall_ms: number; cpu_ms: number };
}

export type EventSink = (events: GuestEvent[]) => void;

/** One recorded execution run again by a restore, with what it observed and what it produced. */
export interface ReplayItem {
  executionId: string;
  req: RunRequest;
  budget: RunBudget;
  recordedCalls?: RecordedCalls;
  /** The recorded `console`, `value` and `exception` events, in order. */
  expected: GuestEvent[];
}

export interface ReplayDifference {
  /** Position among the compared events (console, value, exception). */
  index: number;
  expected: GuestEvent | null;
  actual: GuestEvent | null;
  /** Said in words when the difference is not an event (a diverged recorded call, a lost isolate). */
  detail?: string;
}

export interface ReplayedRun {
  executionId: string;
  verdict: 'same' | 'diverged';
  firstDifference?: ReplayDifference;
}

export type { HostLoss, RecordedCalls };
