import { performance } from 'node:perf_hooks';
import { decodeChunks } from '../event-chunks';
import type { HostRunResult, HostToDaemon } from '../protocol';
import { describeDeath, type HostDeath, type HostProcess } from './host-process';
import { limitMessage, OutputBudget } from '../output-budget';
import type { CodeCacheUse, EventSink, GuestEvent, HostLoss, RecordedCalls, ReplayedRun, ReplayItem, RunBudget, RunOutcome, RunRequest, SessionSpec } from '../runtime.types';

/** A live session as the daemon sees it. */
export interface RuntimeSession {
  readonly id: string;
  /** The host process's pid (for diagnostics). */
  readonly pid: number | undefined;
  /** What each library's compile did with its code cache when the session started. */
  readonly libraryCodeCaches: Readonly<Record<string, CodeCacheUse>>;
  /** What the libraries observed while they loaded, for later restores. */
  readonly libraryCalls: RecordedCalls | undefined;
  run(req: RunRequest, budget: RunBudget, sink: EventSink): Promise<RunOutcome>;
  /**
   * Stops the running execution by stopping the host (status `cancelled`), its last event
   * saying `why`; false when none runs.
   */
  cancel(why?: string): boolean;
  /**
   * Runs recorded executions again in this (fresh) host, comparing their events with the
   * recorded ones; rejects when the host dies or the replay takes longer than `timeoutMs`.
   */
  replay(items: ReplayItem[], stopAtFirstDifference: boolean, timeoutMs: number): Promise<ReplayedRun[]>;
  /** Kills the host and removes the session from the active ones; `why` ends a running execution. */
  close(why?: string): Promise<void>;
  /** Called when the host dies on its own while no run is in progress. */
  onLost(cb: (reason: string) => void): void;
}

interface ActiveRun {
  runId: number;
  sink: EventSink;
  budget: OutputBudget;
  startedAt: number;
  cpuMs: number;
  timer: NodeJS.Timeout;
  resolve: (outcome: RunOutcome) => void;
}

interface ActiveReplay {
  timer: NodeJS.Timeout;
  resolve: (runs: ReplayedRun[]) => void;
  reject: (error: Error) => void;
}

type State = 'ready' | 'running' | 'lost' | 'closed';

const MAX_TIMER_MS = 2_147_483_647;

/**
 * Daemon side of one session: sends runs to its host, filters what comes back through the
 * output budget into the sink (in order), and enforces wall_ms by killing the host, the only
 * stop that works on code the cpu timeout cannot reach (a promise that never settles).
 */
export class HostSession implements RuntimeSession {
  private state: State = 'ready';
  private current: ActiveRun | null = null;
  private replaying: ActiveReplay | null = null;
  private runSeq = 0;
  private lostReason = '';
  private readonly lostListeners: ((reason: string) => void)[] = [];

  constructor(
    readonly id: string,
    private readonly spec: SessionSpec,
    private readonly host: HostProcess,
    /** Tells the supervisor the session is no longer active. */
    private readonly onGone: (id: string) => void,
    readonly libraryCodeCaches: Readonly<Record<string, CodeCacheUse>> = {},
    readonly libraryCalls: RecordedCalls | undefined = undefined,
  ) {
    host.setMessageListener((message) => this.onMessage(message));
    host.onDeath((death) => this.onHostDeath(death));
  }

  get pid(): number | undefined {
    return this.host.pid;
  }

  run(req: RunRequest, budget: RunBudget, sink: EventSink): Promise<RunOutcome> {
    if (this.state === 'closed') return Promise.reject(new Error(`Session ${this.id} is closed`));
    if (this.state === 'running') return Promise.reject(new Error(`Session ${this.id} is busy`));
    if (this.state === 'lost') {
      const reason = `Session host is gone: ${this.lostReason}`;
      safeSink(sink, [{ type: 'system', payload: { level: 'error', message: reason } }]);
      return Promise.resolve({ status: 'error', crashed: reason, metrics: { wall_ms: 0, cpu_ms: 0 } });
    }
    this.state = 'running';
    const limits = this.spec.limits;
    return new Promise<RunOutcome>((resolve) => {
      const run: ActiveRun = {
        runId: ++this.runSeq,
        sink,
        budget: new OutputBudget(limits, budget),
        startedAt: performance.now(),
        cpuMs: 0,
        // setTimeout fires at once for delays past 2^31-1 ms; clamp instead.
        timer: setTimeout(() => this.onWallTimeout(run), Math.min(Math.max(limits.wall_ms, 1), MAX_TIMER_MS)),
        resolve,
      };
      this.current = run;
      // If the send fails the host is dying; its death finishes the run.
      this.host.send({ type: 'run', runId: run.runId, req, budget });
    });
  }

  async close(why = 'Execution stopped: the session was closed'): Promise<void> {
    if (this.state === 'closed') return;
    const run = this.current;
    if (run !== null) {
      // A deliberate close is not a crash: the run ends in error, saying why, and whoever
      // closed the session records the session's own reason.
      safeSink(run.sink, [{ type: 'system', payload: { level: 'error', message: why } }]);
      this.finish(run, { status: 'error', abandoned: true, cpuMs: run.cpuMs });
    }
    this.state = 'closed';
    // A replay under way has no host left to answer it: whoever awaits it hears so now.
    this.endReplay()?.reject(new Error('the session was closed during its replay'));
    this.onGone(this.id);
    await this.host.kill();
  }

  onLost(cb: (reason: string) => void): void {
    this.lostListeners.push(cb);
  }

  cancel(why = 'Execution cancelled'): boolean {
    const run = this.current;
    if (run === null) return false;
    // isolated-vm cannot interrupt a running isolate from outside but by disposing it; the
    // host goes, and the session is restored from its history.
    this.finish(run, { status: 'cancelled', crashed: 'the execution was cancelled', hostLoss: 'cancel', cpuMs: run.cpuMs }, why);
    return true;
  }

  replay(items: ReplayItem[], stopAtFirstDifference: boolean, timeoutMs: number): Promise<ReplayedRun[]> {
    if (this.state !== 'ready') return Promise.reject(new Error(`Session ${this.id} cannot replay: it is ${this.state}`));
    if (items.length === 0) return Promise.resolve([]);
    this.state = 'running';
    return new Promise<ReplayedRun[]>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.endReplay()?.reject(new Error(`the replay took longer than max_replay_ms (${timeoutMs} ms)`));
          this.markLost('replay timed out');
          void this.host.kill();
        },
        Math.min(Math.max(timeoutMs, 1), MAX_TIMER_MS),
      );
      this.replaying = { timer, resolve, reject };
      this.host.send({ type: 'replay', items, stopAtFirstDifference });
    });
  }

  private endReplay(): ActiveReplay | null {
    const replay = this.replaying;
    if (replay === null) return null;
    this.replaying = null;
    clearTimeout(replay.timer);
    if (this.state === 'running') this.state = 'ready';
    return replay;
  }

  private onMessage(message: HostToDaemon): void {
    if (message.type === 'replayed') {
      this.endReplay()?.resolve(message.runs);
      return;
    }
    const run = this.current;
    if (run === null || !('runId' in message) || message.runId !== run.runId) return;
    if (message.type === 'events') this.deliver(run, decodeChunks(message.chunks));
    else if (message.type === 'progress') run.cpuMs = message.cpuMs;
    else if (message.type === 'done') {
      this.deliver(run, decodeChunks(message.chunks));
      this.finish(run, message.result);
    }
  }

  private deliver(run: ActiveRun, events: GuestEvent[]): void {
    const accepted: GuestEvent[] = [];
    const trippedBefore = run.budget.tripped;
    for (const event of events) {
      if (run.budget.admit(event)) accepted.push(event);
    }
    const tripped = run.budget.tripped;
    if (tripped !== null && trippedBefore === null) {
      accepted.push({ type: 'system', payload: { level: 'error', message: limitMessage(tripped, this.spec.limits) } });
    }
    if (accepted.length > 0) safeSink(run.sink, accepted);
  }

  private onWallTimeout(run: ActiveRun): void {
    if (this.current !== run) return;
    const wall = this.spec.limits.wall_ms;
    this.finish(
      run,
      {
        status: 'timeout',
        crashed: `Session host stopped: the execution exceeded wall_ms (${wall} ms) and only stopping the host could stop it`,
        hostLoss: 'timeout',
        cpuMs: run.cpuMs,
      },
      `Execution exceeded ${wall} ms of wall time (wall_ms); its host was stopped`,
    );
  }

  private onHostDeath(death: HostDeath): void {
    if (this.state === 'closed' || this.state === 'lost') return;
    const reason = crashReason(death, this.spec.limits.mem_mb);
    const run = this.current;
    if (run !== null) {
      this.finish(run, { status: 'error', crashed: reason, hostLoss: lossOf(death), cpuMs: run.cpuMs });
      return;
    }
    const replay = this.endReplay();
    if (replay !== null) {
      this.markLost(reason);
      replay.reject(new Error(`the replay lost its host: ${reason}`));
      return;
    }
    this.markLost(reason);
    for (const listener of this.lostListeners) {
      try {
        listener(reason);
      } catch {
        // the daemon's listener must not break the supervisor
      }
    }
  }

  private finish(run: ActiveRun, result: HostRunResult, crashMessage?: string): void {
    if (this.current !== run) return;
    this.current = null;
    clearTimeout(run.timer);
    const limits = this.spec.limits;
    const trailer: GuestEvent[] = [];
    if (result.limitExceeded !== undefined && run.budget.tripped === null) {
      run.budget.trip(result.limitExceeded);
      trailer.push({ type: 'system', payload: { level: 'error', message: limitMessage(result.limitExceeded, limits) } });
    }
    const limit = run.budget.tripped ?? undefined;
    if (result.crashed !== undefined) {
      const message = crashMessage ?? `Session host lost: ${result.crashed}`;
      trailer.push({ type: 'system', payload: { level: 'error', message } });
    } else if (result.recordingOverflowed) {
      const message = `Execution stopped: it observed the outside world more than runtime.max_recorded_calls (${this.spec.maxRecordedCalls}) times, too much to record for replay`;
      trailer.push({ type: 'system', payload: { level: 'error', message } });
    } else if (result.status === 'timeout' && limit === undefined) {
      const message = result.wallTimeout
        ? `Execution timed out after ${limits.wall_ms} ms of wall time (wall_ms) in a host module call`
        : `Execution timed out after ${limits.cpu_ms} ms of CPU time (cpu_ms)`;
      trailer.push({ type: 'system', payload: { level: 'error', message } });
    }
    if (trailer.length > 0) safeSink(run.sink, trailer);

    let status = result.status;
    if (limit !== undefined && result.crashed === undefined) status = 'error';
    const outcome: RunOutcome = {
      status,
      metrics: { wall_ms: Math.round(performance.now() - run.startedAt), cpu_ms: Math.round(result.cpuMs || run.cpuMs) },
    };
    if (result.crashed !== undefined) {
      outcome.crashed = result.crashed;
      outcome.hostLoss = result.hostLoss ?? 'host_lost';
    }
    if (limit !== undefined) outcome.limitExceeded = limit;
    if (result.recordedCalls !== undefined) outcome.recordedCalls = result.recordedCalls;
    if (result.recordingOverflowed) outcome.recordingOverflowed = true;
    if (result.abandoned) outcome.abandoned = true;

    if (result.crashed !== undefined) {
      this.markLost(result.crashed);
      void this.host.kill();
    } else if (this.state === 'running') {
      this.state = 'ready';
    }
    run.resolve(outcome);
  }

  private markLost(reason: string): void {
    if (this.state === 'lost' || this.state === 'closed') return;
    this.state = 'lost';
    this.lostReason = reason;
    this.onGone(this.id);
  }
}

function safeSink(sink: EventSink, events: GuestEvent[]): void {
  try {
    sink(events);
  } catch {
    // A failing sink is the daemon's problem to report; the run's bookkeeping must go on.
  }
}

/** A death V8 explains by memory (on stderr, or by aborting) is a memory stop; any other, a lost host. */
function lossOf(death: HostDeath): HostLoss {
  return OOM_ON_STDERR.test(death.stderrTail) || death.signal === 'SIGABRT' ? 'memory' : 'host_lost';
}

const OOM_ON_STDERR = /heap out of memory|CALL_AND_RETRY_LAST|out-of-memory|OOM/i;

/** Names the signal and, when V8 said so on stderr (or the signal implies it), the memory. */
export function crashReason(death: HostDeath, memMb: number): string {
  const base = `Session host process ${describeDeath(death)}`;
  if (OOM_ON_STDERR.test(death.stderrTail)) {
    return `${base}: JavaScript heap out of memory (mem_mb ${memMb})`;
  }
  if (death.signal === 'SIGABRT') return `${base}: V8 aborted, most likely out of memory (mem_mb ${memMb})`;
  if (death.intentional) return `${base} by the supervisor`;
  return base;
}
