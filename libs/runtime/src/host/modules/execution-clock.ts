import { performance } from 'node:perf_hooks';
import { HostModuleError } from './host-module-error';

/**
 * The wall-time budget of the execution in progress, as host functions see it. isolated-vm's
 * cpu timeout pauses while the guest waits in a host function, so without this a `sleep` or a
 * slow query would only be stopped by the daemon's wall timer, which kills the whole session.
 * Host functions stop their own work a little before the daemon would, so the execution ends
 * in `timeout` and the session survives.
 *
 * The daemon starts its timer before the run reaches this process, hence the margin.
 */

/** Share of wall_ms kept in reserve for the guest to unwind and the result to reach the daemon. */
const MARGIN_SHARE = 0.2;
const MIN_MARGIN_MS = 50;
const MAX_MARGIN_MS = 500;

export class ExecutionClock {
  private deadline = 0;
  private active = false;
  private exceeded = false;
  private wallMs = 0;

  begin(wallMs: number): void {
    const margin = Math.min(MAX_MARGIN_MS, Math.max(MIN_MARGIN_MS, wallMs * MARGIN_SHARE));
    this.wallMs = wallMs;
    this.deadline = performance.now() + Math.max(1, wallMs - margin);
    this.active = true;
    this.exceeded = false;
  }

  /** Ends the execution; true when a host function ran out of wall time during it. */
  end(): boolean {
    this.active = false;
    return this.exceeded;
  }

  get wallExceeded(): boolean {
    return this.exceeded;
  }

  /** Milliseconds a host function may still spend; throws once none are left. */
  remainingMs(): number {
    if (!this.active) throw new HostModuleError('Host modules can only be used while an execution runs');
    const left = Math.floor(this.deadline - performance.now());
    if (this.exceeded || left <= 0) this.expire();
    return left;
  }

  /** Records that the wall budget ran out and throws the guest-facing error. */
  expire(detail = ''): never {
    this.exceeded = true;
    const what = detail === '' ? '' : `: ${detail}`;
    throw new HostModuleError(`Execution reached its wall time limit (wall_ms ${this.wallMs})${what}`, { code: 'WALL_TIMEOUT' });
  }
}
