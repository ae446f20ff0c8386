/**
 * How many session hosts the warm pool keeps, from when creates took hosts and when the pool
 * was full again. Pure: the pool reports takes and refills, and passes the time in.
 *
 * A burst is the takes from the first one that found the pool full until the pool is full
 * again: creates that take hosts faster than the pool refills make one burst however they are
 * spaced (at once, back to back, or a steady stream the refill cannot keep up with), while a
 * create every few seconds is a burst of one (one host refills in ~200 ms). The pool keeps as
 * many hosts as the largest burst of the last `windowMs`, so a burst of 20 that comes again
 * finds 20 hosts waiting. Once the window has slid past a burst, the target falls back and the
 * pool closes its surplus: the idle period after which memory is given back.
 */
export interface WarmPoolPolicy {
  /** Hosts kept however quiet the daemon is. */
  min: number;
  /** Hosts kept however busy it is: `serve --warm-pool-max`. */
  max: number;
  /** How long a burst's size is remembered after its last take. */
  windowMs: number;
}

export const DEFAULT_WARM_POOL_POLICY: WarmPoolPolicy = { min: 2, max: 8, windowMs: 30_000 };

/** The policy for a `--warm-pool-max`: the minimum never exceeds the maximum (0: no warm pool). */
export function warmPoolPolicy(max: number, base: WarmPoolPolicy = DEFAULT_WARM_POOL_POLICY): WarmPoolPolicy {
  return { ...base, max, min: Math.min(base.min, max) };
}

export interface Burst {
  takes: number;
  lastTakeAt: number;
}

export interface TakeHistory {
  /** The recent bursts, oldest first; the last one may still be under way. */
  bursts: Burst[];
  /** The pool has not been full since the last burst's first take. */
  draining: boolean;
}

export const NO_TAKES: TakeHistory = { bursts: [], draining: false };

/** The bursts still remembered at `now` (the one under way always is). */
function recent(history: TakeHistory, now: number, policy: WarmPoolPolicy): Burst[] {
  return history.bursts.filter((burst, i) => burst.lastTakeAt > now - policy.windowMs || (history.draining && i === history.bursts.length - 1));
}

/** A create took a host: it joins the burst under way, or starts one. */
export function recordTake(history: TakeHistory, now: number, policy: WarmPoolPolicy): TakeHistory {
  const bursts = recent(history, now, policy);
  const last = bursts[bursts.length - 1];
  if (history.draining && last) return { bursts: [...bursts.slice(0, -1), { takes: last.takes + 1, lastTakeAt: now }], draining: true };
  return { bursts: [...bursts, { takes: 1, lastTakeAt: now }], draining: true };
}

/** The pool holds its target in loaded hosts again: the burst under way is over. */
export function recordFull(history: TakeHistory): TakeHistory {
  return history.draining ? { ...history, draining: false } : history;
}

/** How many hosts (loaded or loading) the pool should hold at `now`. */
export function warmPoolTarget(history: TakeHistory, now: number, policy: WarmPoolPolicy): number {
  const largest = Math.max(0, ...recent(history, now, policy).map((burst) => burst.takes));
  return Math.min(policy.max, Math.max(policy.min, largest));
}

/** When the target may next fall (the oldest finished burst leaves the window); undefined: it cannot fall yet. */
export function nextShrinkAt(history: TakeHistory, now: number, policy: WarmPoolPolicy): number | undefined {
  if (warmPoolTarget(history, now, policy) <= policy.min) return undefined;
  const bursts = recent(history, now, policy);
  const finished = history.draining ? bursts.slice(0, -1) : bursts;
  return finished.length === 0 ? undefined : finished[0].lastTakeAt + policy.windowMs;
}

export interface PoolCounts {
  /** Hosts forked and not taken, loaded or still loading. */
  idle: number;
  /** Creates waiting for a host (none was idle and the fork bound was reached). */
  waiting: number;
  /** Hosts forked and not yet loaded, taken or not. */
  loading: number;
}

/**
 * Hosts to fork now: enough for the waiting creates and the target, with at most `parallel`
 * loading at once. A fork blocks the daemon's event loop for 5-35 ms and a load takes ~150 ms
 * of CPU: on a machine with few cores, more at once only share the same CPU and all finish late.
 */
export function hostsToFork(counts: PoolCounts, target: number, parallel: number): number {
  return Math.max(0, Math.min(target + counts.waiting - counts.idle, parallel - counts.loading));
}
