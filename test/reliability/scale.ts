/** Each reliability check runs in two sizes: `short` inside `npm test`, `long` for `npm run soak` / `npm run chaos`. */
export type Scale = 'short' | 'long';

/** What a check hands back: the figures it measured, and every broken promise it found (none: it passed). */
export interface CheckReport {
  name: string;
  scale: Scale;
  /** Human-readable figures, one per line, for the console and docs/reliability.md. */
  lines: string[];
  /** Each a sentence saying what went wrong; empty when the check passed. */
  failures: string[];
}

export type Progress = (line: string) => void;

export const printProgress: Progress = (line) => void process.stdout.write(`${line}\n`);

export const silent: Progress = () => undefined;

/** `short` or `long` from the command line (`--short`) or VM_SYSTEM_RELIABILITY_SCALE; long by default. */
export function scaleFromArgs(args: readonly string[]): Scale {
  if (args.includes('--short')) return 'short';
  return process.env.VM_SYSTEM_RELIABILITY_SCALE === 'short' ? 'short' : 'long';
}
