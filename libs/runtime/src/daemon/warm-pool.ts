import { HostProcess } from './host-process';

/**
 * Pre-forked session hosts waiting for `start`, so creating a session does not pay the fork and
 * the Node + isolated-vm load (~160 ms measured). Refilled in the background once the session
 * that took a host is set up (`refillSoon`, called by the supervisor when the caller's set-up
 * settles), not at the take: a fork blocks the daemon's event loop for 5–35 ms and the new
 * host's load takes ~150 ms of CPU, and on a 2-core machine both landed in the middle of the
 * create that triggered them (see docs/benchmarks.md).
 *
 * If hosts keep dying before they are ready (e.g. the native addon cannot load), refilling
 * stops after a few failures in a row instead of forking in a loop; a host that does become
 * ready resets the count.
 */

const MAX_CONSECUTIVE_FAILURES = 3;

export class WarmPool {
  private readonly idle: HostProcess[] = [];
  private readonly loaded = new Set<HostProcess>();
  private failures = 0;
  private closed = false;
  private refillScheduled = false;

  constructor(
    private readonly size: number,
    private readonly spawn: () => HostProcess,
  ) {
    // Fork right away: a start() in the same turn then takes a host that is already loading.
    this.refill();
  }

  /** Idle hosts that finished loading: what the next creates get without waiting. */
  get warm(): number {
    return this.idle.filter((host) => this.loaded.has(host)).length;
  }

  /** An idle host (possibly still loading) or a fresh one when the pool is empty; call refillSoon() once it is used. */
  take(): HostProcess {
    const host = this.idle.shift() ?? this.spawn();
    this.loaded.delete(host);
    return host;
  }

  /** Forks the missing hosts after the current turn (the caller's session has started, or failed to). */
  refillSoon(): void {
    this.scheduleRefill();
  }

  async close(): Promise<void> {
    this.closed = true;
    const hosts = this.idle.splice(0);
    await Promise.all(hosts.map((host) => host.kill()));
  }

  private scheduleRefill(): void {
    if (this.refillScheduled || this.closed) return;
    this.refillScheduled = true;
    // Fork after the caller's turn: fork() blocks the event loop for a few milliseconds.
    setImmediate(() => {
      this.refillScheduled = false;
      this.refill();
    });
  }

  private refill(): void {
    while (!this.closed && this.idle.length < this.size && this.failures < MAX_CONSECUTIVE_FAILURES) {
      const host = this.spawn();
      this.idle.push(host);
      host.ready.then(
        () => {
          this.failures = 0;
          if (this.idle.includes(host)) this.loaded.add(host);
        },
        () => {
          this.failures += 1;
        },
      );
      host.onDeath(() => {
        this.loaded.delete(host);
        const index = this.idle.indexOf(host);
        if (index === -1) return;
        this.idle.splice(index, 1);
        this.scheduleRefill();
      });
    }
  }
}
