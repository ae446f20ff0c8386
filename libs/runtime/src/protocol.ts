import type { CodeCacheUse, GuestEvent, ProducedCodeCache, RecordedCalls, ReplayedRun, ReplayItem, RunBudget, RunRequest, SessionSpec } from './runtime.types';

/**
 * IPC messages between the supervisor (daemon) and a session host (child process). Sent with
 * `serialization: 'advanced'` (structured clone), so plain data only.
 */

export type DaemonToHost =
  | { type: 'start'; spec: SessionSpec }
  | { type: 'run'; runId: number; req: RunRequest; budget: RunBudget }
  /** Runs recorded executions again, quietly, comparing what they produce with the ledger. */
  | { type: 'replay'; items: ReplayItem[]; stopAtFirstDifference: boolean };

/** How a run ended, as seen from inside the host. The daemon turns it into a RunOutcome. */
export interface HostRunResult {
  status: 'ok' | 'error' | 'timeout' | 'cancelled';
  /** Set when the isolate is gone (disposed for memory): the host is useless afterwards. */
  crashed?: string;
  hostLoss?: 'memory' | 'host_lost' | 'timeout' | 'cancel';
  recordedCalls?: RecordedCalls;
  recordingOverflowed?: boolean;
  /** The daemon closed the host under the run (a close or a shutdown): it ran only partly. */
  abandoned?: boolean;
  /** Replay only: the first recorded call the guest did not make as recorded. */
  divergence?: string;
  /** Set when the guest-side counter stopped the console at a limit. */
  limitExceeded?: 'max_events' | 'max_output_kb';
  /** `timeout` because the isolate's cpu timeout fired (the session stays usable). */
  cpuTimeout?: boolean;
  /** `timeout` because a host function (exec, a query) used up the execution's wall time; the session stays usable. */
  wallTimeout?: boolean;
  cpuMs: number;
}

/**
 * Events on the wire, in order: a string is a batch of console lines exactly as the guest
 * produced it (JSON `[[level, text], ...]`), anything else one event. Forwarding the guest's
 * batch string untouched is what makes a console flood cheap: structured-cloning 100k small
 * objects cost ~0.6 s here, one string per 100 lines is a memcpy. The daemon decodes and
 * validates it (see event-chunks.ts).
 */
export type EventChunk = string | GuestEvent;

export type HostToDaemon =
  /** isolated-vm is loaded and the host waits for `start` (warm pool). */
  | { type: 'ready' }
  /**
   * Sent once per start, after every library is compiled and before any of them runs: so
   * the code caches in it were made before any code but ours ran in this host, and the
   * supervisor takes no other (see LibraryCodeCaches).
   */
  | { type: 'code-caches'; produced: ProducedCodeCache[] }
  /** `libraries`: what each library's compile did with its code cache. */
  | { type: 'started'; libraries: Record<string, CodeCacheUse>; libraryCalls?: RecordedCalls }
  | { type: 'start-failed'; error: string }
  | { type: 'events'; runId: number; chunks: EventChunk[] }
  /** CPU used so far; sent when the result is slow to come (awaiting), in case the wall timer kills us. */
  | { type: 'progress'; runId: number; cpuMs: number }
  /** `chunks` are the run's last events, folded in to save a message per run. */
  | { type: 'done'; runId: number; result: HostRunResult; chunks: EventChunk[] }
  | { type: 'replayed'; runs: ReplayedRun[] };
