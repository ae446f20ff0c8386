import { availableParallelism } from 'node:os';
import { describeDeath, HostProcess } from './host-process';
import { HostSession, type RuntimeSession } from './host-session';
import type { CodeCacheUse, ProducedCodeCache, RecordedCalls, SessionSpec } from '../runtime.types';
import { LibraryCodeCaches } from './library-code-caches';
import { HostDiedWhileStartingError } from './start-errors';
import { retriesStartOnAnotherHost } from './start-retry-rule';
import { WarmPool } from './warm-pool';
import { DEFAULT_WARM_POOL_POLICY, warmPoolPolicy } from './warm-pool-policy';

/** A session's set-up (its startup files) delays the pool's refill at most this long. */
const REFILL_AT_THE_LATEST_MS = 200;

/**
 * Hosts loading at once, at most (see WarmPool): one per core, at least 2, at most 4 (each fork
 * still blocks the event loop). On 2 cores, a cold burst of 20 had its median create later with
 * 4 or 20 at once than with 2, and 20 at once pushed hosts past the start timeout.
 */
const PARALLEL_LOADS = Math.min(4, Math.max(2, availableParallelism()));

export interface SupervisorOptions {
  /** Pre-forked hosts kept waiting at most, after a burst of creates (`serve --warm-pool-max`, default 8; 2 when quiet). */
  warmPoolMax?: number;
  /** How long a host may take to become ready and build the session's isolate (default 15 s). */
  startTimeoutMs?: number;
  observer?: StartObserver;
}

/** What happens while sessions start, for whoever needs to know (the daemon's log, tests). */
export interface StartObserver {
  /** A start failed on its host and is tried once more on another (see start-retry-rule.ts). */
  startRetried?(sessionId: string, error: Error): void;
  /** A host was taken for the session and is about to receive it; called once per attempt. */
  hostTaken?(sessionId: string, pid: number | undefined): void;
}

/**
 * Runs each session in its own host process (see session-host.ts for why) and keeps a small
 * pool of pre-forked hosts. Nothing a guest does can throw out of here: host deaths become
 * crashed outcomes or `onLost` callbacks.
 */
export class SessionSupervisor {
  private readonly sessions = new Map<string, HostSession>();
  /** Sessions being started: their host once the pool gave one (none between two attempts). */
  private readonly starting = new Map<string, HostProcess | undefined>();
  private readonly pool: WarmPool;
  private readonly startTimeoutMs: number;
  private readonly observer: StartObserver | undefined;
  private closed = false;
  readonly codeCaches = new LibraryCodeCaches();

  constructor(opts: SupervisorOptions = {}) {
    const policy = warmPoolPolicy(opts.warmPoolMax ?? DEFAULT_WARM_POOL_POLICY.max);
    this.pool = new WarmPool(() => new HostProcess(), { policy, parallel: PARALLEL_LOADS });
    this.startTimeoutMs = opts.startTimeoutMs ?? 15_000;
    this.observer = opts.observer;
  }

  /** Pre-forked hosts loaded and waiting. */
  warmHosts(): number {
    return this.pool.warm;
  }

  /**
   * Starts the session on a warm host; a host that dies under the start is replaced by another
   * once (start-retry-rule.ts), so a killed warm host does not fail a create or a restore. The
   * pool refills once `setUp` settles (default: right after the start), or after
   * REFILL_AT_THE_LATEST_MS: a caller that runs more in the new session before it is ready
   * (startup files) passes that work, so the fork and the new host's load do not compete with
   * it, while long startup files do not keep the pool short.
   */
  async start(spec: SessionSpec, setUp: Promise<unknown> = Promise.resolve()): Promise<RuntimeSession> {
    const id = spec.sessionId;
    if (this.closed) throw new Error('The session supervisor is shut down');
    if (this.sessions.has(id) || this.starting.has(id)) throw new Error(`Session ${id} is already running`);
    this.starting.set(id, undefined);
    let host: HostProcess;
    let started: Started;
    try {
      ({ host, started } = await this.startOnSomeHost(spec));
    } finally {
      this.starting.delete(id);
    }
    // After the start handshake, so the fork does not compete with this session's isolate.
    const refill = setTimeout(() => this.pool.refillSoon(), REFILL_AT_THE_LATEST_MS).unref();
    void setUp
      .finally(() => {
        clearTimeout(refill);
        this.pool.refillSoon();
      })
      .catch(() => undefined);
    if (this.closed) {
      await host.kill();
      throw new Error('The session supervisor is shut down');
    }
    const session = new HostSession(id, spec, host, (goneId) => this.sessions.delete(goneId), started.libraries, started.libraryCalls);
    this.sessions.set(id, session);
    return session;
  }

  /** Tries the start on a host from the pool, and on another one when the retry rule says so. */
  private async startOnSomeHost(spec: SessionSpec): Promise<{ host: HostProcess; started: Started }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnTakenHost(spec);
      } catch (err) {
        if (this.closed || !retriesStartOnAnotherHost(err, attempt)) throw err;
        this.notify((observer) => observer.startRetried?.(spec.sessionId, err as Error));
      }
    }
  }

  /** One attempt: a host from the pool, the start handshake on it; a host that fails it is killed. */
  private async startOnTakenHost(spec: SessionSpec): Promise<{ host: HostProcess; started: Started }> {
    const id = spec.sessionId;
    const host = await this.pool.take();
    this.starting.set(id, host);
    if (this.closed) {
      await host.kill();
      throw new Error('The session supervisor is shut down');
    }
    this.notify((observer) => observer.hostTaken?.(id, host.pid));
    const sent = this.codeCaches.attach(spec);
    try {
      const started = await startOnHost(host, sent, this.startTimeoutMs, (produced) => this.codeCaches.remember(sent, produced));
      return { host, started };
    } catch (err) {
      this.starting.set(id, undefined);
      this.pool.refillSoon();
      await host.kill();
      throw err;
    }
  }

  /** An observer's failure must not fail a start. */
  private notify(call: (observer: StartObserver) => void): void {
    if (!this.observer) return;
    try {
      call(this.observer);
    } catch {
      // ignored: see above
    }
  }

  get(id: string): RuntimeSession | undefined {
    return this.sessions.get(id);
  }

  activeSessionIds(): string[] {
    return [...this.sessions.keys()].sort();
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    const sessions = [...this.sessions.values()];
    const starting = [...this.starting.values()];
    await Promise.all([
      this.pool.close(),
      // The ledger outlives this process: a running execution is lost with the runtime, and says so.
      ...sessions.map((session) => session.close('Execution stopped: runtime lost at daemon restart (the daemon was stopped)')),
      ...starting.map((host) => host?.kill()),
    ]);
  }
}

interface Started {
  libraries: Record<string, CodeCacheUse>;
  libraryCalls?: RecordedCalls;
}

/** Starts the session on the host; answers what each library's compile did with its code cache, and what the libraries observed. */
function startOnHost(host: HostProcess, spec: SessionSpec, timeoutMs: number, onCodeCaches: (produced: ProducedCodeCache[]) => void): Promise<Started> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let cachesTaken = false;
    let started: Started = { libraries: {} };
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatchingDeath();
      host.setMessageListener(null);
      if (err) reject(err);
      else resolve(started);
    };
    const timer = setTimeout(() => settle(new Error(`Session host did not start within ${timeoutMs} ms`)), timeoutMs);
    const stopWatchingDeath = host.onDeath((death) => settle(new HostDiedWhileStartingError(describeDeath(death))));
    host.setMessageListener((message) => {
      // The first code-caches message only: it precedes any library code in the host.
      if (message.type === 'code-caches' && !cachesTaken) {
        cachesTaken = true;
        onCodeCaches(message.produced);
      } else if (message.type === 'started') {
        started = { libraries: message.libraries ?? {}, libraryCalls: message.libraryCalls };
        settle();
      } else if (message.type === 'start-failed') settle(new Error(`Session failed to start: ${message.error}`));
    });
    host.ready.then(
      () => {
        if (!settled) host.send({ type: 'start', spec });
      },
      (err: Error) => settle(err),
    );
  });
}
