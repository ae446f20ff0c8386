/** One replayed execution compared with what the ledger recorded of it. */
export interface ReplayedExecution {
  execution_id: string;
  verdict: 'same' | 'diverged';
  first_difference?: { index: number; expected: unknown; actual: unknown; detail?: string };
}

/** A session's history re-executed in a throwaway host: nothing appended, the session untouched. */
export interface ReplayReport {
  session_id: string;
  verdict: 'same' | 'diverged';
  /** Executions a restore leaves out (timeouts, cancels, lost hosts). */
  skipped: string[];
  executions: ReplayedExecution[];
  /** Set when the replay could not run at all (a library missing from the cache, a host that did not start). */
  error?: string;
}
