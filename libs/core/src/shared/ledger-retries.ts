import { DomainError } from '@vm-system/domain';

/** The first retry waits this long; each next one twice as long, up to MAX_DELAY_MS. */
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

export const ledgerRetryDelay = (attempt: number): number => Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);

export const isLedgerUnavailable = (error: unknown): boolean => error instanceof DomainError && error.code === 'LEDGER_UNAVAILABLE';

/**
 * Retries writes the ledger refused (a full disk, a lost database) that must land once it is
 * back: an execution's end, so it does not stay `running` and its session busy; a session's
 * crash, so a create answered 503 does not leave it `starting`. Stopped when the daemon shuts
 * down: the restart's recovery then ends what is still open.
 */
export class LedgerRetries {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  /** Calls `attempt` after a delay, and again after a longer one for as long as it answers 'again'. */
  retry(attempt: () => 'done' | 'again', attemptNumber = 0): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped && attempt() === 'again') this.retry(attempt, attemptNumber + 1);
    }, ledgerRetryDelay(attemptNumber));
    this.timers.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
