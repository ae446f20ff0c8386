import { performance } from 'node:perf_hooks';
import { HostProcess } from './host-process';
import { hostsToFork, nextShrinkAt, NO_TAKES, recordFull, recordTake, warmPoolTarget, type TakeHistory, type WarmPoolPolicy } from './warm-pool-policy';

/**
 * Pre-forked session hosts waiting for `start`, so creating a session does not pay the fork and
 * the Node + isolated-vm load (~160 ms measured). How many it keeps follows the creates
 * (warm-pool-policy.ts): a burst makes it grow up to `--warm-pool-max`, a quiet spell shrinks it
 * back.
 *
 * Refilled in the background once the session that took a host is set up (`refillSoon`, called
 * by the supervisor when the caller's set-up settles), not at the take: a fork blocks the
 * daemon's event loop for 5–35 ms and the new host's load takes ~150 ms of CPU, and on a 2-core
 * machine both landed in the middle of the create that triggered them (see
 * docs/benchmarks.md). At most `parallel` hosts load at once, whoever they are for; a create
 * that finds no host waits for the next fork rather than adding one more load to the CPU's
 * share, so the first creates of a burst get their hosts early instead of all getting theirs
 * late.
 *
 * If hosts keep dying before they are ready (e.g. the native addon cannot load), refilling
 * stops after a few failures in a row instead of forking in a loop (a create still forks its
 * own host, and fails with it); a host that does become ready resets the count.
 */

const MAX_CONSECUTIVE_FAILURES = 3;

export interface WarmPoolOptions {
  policy: WarmPoolPolicy;
  /** Hosts loading at once, at most. */
  parallel: number;
}

interface Waiter {
  resolve(host: HostProcess): void;
  reject(error: Error): void;
}

export class WarmPool {
  private readonly idle: HostProcess[] = [];
  private readonly loaded = new Set<HostProcess>();
  private readonly loading = new Set<HostProcess>();
  private readonly waiters: Waiter[] = [];
  /** Hosts the pool closed itself (surplus): their end is no failure. */
  private readonly dismissed = new WeakSet<HostProcess>();
  private takes: TakeHistory = NO_TAKES;
  private failures = 0;
  private closed = false;
  private refillScheduled = false;
  /** A refill was asked for and the pool has not reached its target since. */
  private refilling = true;
  private shrinkTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly spawn: () => HostProcess,
    private readonly options: WarmPoolOptions,
  ) {
    // Fork right away: a start() in the same turn then takes a host that is already loading.
    this.pump();
  }

  /** Idle hosts that finished loading: what the next creates get without waiting. */
  get warm(): number {
    return this.idle.filter((host) => this.loaded.has(host)).length;
  }

  /** A loaded idle host, else one still loading, else the next one forked. Call refillSoon() once it is used. */
  take(): Promise<HostProcess> {
    if (this.closed) return Promise.reject(new Error('The session supervisor is shut down'));
    this.takes = recordTake(this.takes, performance.now(), this.options.policy);
    const host = this.idle.find((h) => this.loaded.has(h)) ?? this.idle[0];
    if (host) {
      this.idle.splice(this.idle.indexOf(host), 1);
      this.loaded.delete(host);
      return Promise.resolve(host);
    }
    return new Promise<HostProcess>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.pump();
    });
  }

  /** Forks the missing hosts after the current turn (the caller's session has started, or failed to). */
  refillSoon(): void {
    if (this.refillScheduled || this.closed) return;
    this.refillScheduled = true;
    // Fork after the caller's turn: fork() blocks the event loop for a few milliseconds.
    setImmediate(() => {
      this.refillScheduled = false;
      this.refilling = true;
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.shrinkTimer);
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('The session supervisor is shut down'));
    const hosts = this.idle.splice(0);
    await Promise.all(hosts.map((host) => host.kill()));
  }

  private target(): number {
    return warmPoolTarget(this.takes, performance.now(), this.options.policy);
  }

  /** Hands idle hosts to waiting creates, forks what is missing within the bound, and closes a surplus. */
  private pump(): void {
    if (this.closed) return;
    const stopped = this.failures >= MAX_CONSECUTIVE_FAILURES;
    const target = this.refilling && !stopped ? this.target() : 0;
    const forks = hostsToFork({ idle: this.idle.length, waiting: this.waiters.length, loading: this.loading.size }, target, this.options.parallel);
    for (let i = 0; i < forks; i++) {
      const host = this.fork();
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(host);
      else this.idle.push(host);
    }
    if (this.refilling && this.idle.length >= this.target()) this.refilling = false;
    if (this.warm >= this.target()) this.takes = recordFull(this.takes);
    this.armShrink();
  }

  private fork(): HostProcess {
    const host = this.spawn();
    this.loading.add(host);
    host.ready.then(
      () => {
        this.failures = 0;
        this.loading.delete(host);
        if (this.idle.includes(host)) this.loaded.add(host);
        this.pump();
      },
      () => {
        if (!this.dismissed.has(host)) this.failures += 1;
        this.loading.delete(host);
        this.pump();
      },
    );
    host.onDeath(() => {
      this.loaded.delete(host);
      const index = this.idle.indexOf(host);
      if (index === -1) return;
      this.idle.splice(index, 1);
      this.refillSoon();
    });
    return host;
  }

  /** Once the window has slid past the last burst, the hosts beyond the new target are closed. */
  private armShrink(): void {
    clearTimeout(this.shrinkTimer);
    const at = nextShrinkAt(this.takes, performance.now(), this.options.policy);
    if (at === undefined && this.idle.length <= this.target()) return;
    this.shrinkTimer = setTimeout(() => this.shrink(), Math.max(0, (at ?? 0) - performance.now())).unref();
  }

  private shrink(): void {
    if (this.closed) return;
    // The newest first: still loading, they have cost the least and cost CPU now.
    const surplus = this.idle.length - this.target();
    for (const host of this.idle.splice(this.idle.length - Math.max(0, surplus))) {
      this.loaded.delete(host);
      this.dismissed.add(host);
      void host.kill();
    }
    this.armShrink();
  }
}
