/** Exit statuses: a command used wrongly is told apart from one that was used right and failed. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * The command line itself is wrong (unknown command or flag, a bad value, a missing
 * argument): nothing was attempted, and the exit status is 2.
 */
export class UsageError extends Error {
  readonly code: string = 'VALIDATION_ERROR';
}

/** One stderr line per usage mistake, in the `Error: CODE: message` form of every CLI error. */
export function reportUsageError(message: string, code = 'VALIDATION_ERROR'): void {
  process.stderr.write(`Error: ${code}: ${message}\n`);
  process.exitCode = EXIT_USAGE;
}

/** The exit status for an error that reached the top of a command. */
export const exitStatusOf = (error: unknown): number => (error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE);
