/** The first retry of a refused finish waits this long; each next one twice as long, up to MAX_DELAY_MS. */
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

export const finishRetryDelay = (attempt: number): number => Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);

/**
 * Retries executions' ends the ledger refused (a full disk, a lost database) until they
 * land: an execution the ledger saw start must not stay `running` once the ledger is back,
 * and its session busy. Stopped when the daemon shuts down: the restart's recovery then
 * ends what is still open.
 */
export class FinishRetries {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  /** Calls `attempt` after a delay, and again after a longer one for as long as it answers 'again'. */
  retry(attempt: () => 'done' | 'again', attemptNumber = 0): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped && attempt() === 'again') this.retry(attempt, attemptNumber + 1);
    }, finishRetryDelay(attemptNumber));
    this.timers.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
