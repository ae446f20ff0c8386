/** The q-quantile of samples (nearest rank), NaN for none. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** Splits samples, in the order they were taken, into `parts` consecutive slices of (nearly) equal size. */
export function slices<T>(samples: readonly T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, i) => samples.slice(Math.floor((i * samples.length) / parts), Math.floor(((i + 1) * samples.length) / parts)));
}

export const ms = (x: number): string => (Number.isNaN(x) ? '–' : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);

export const mb = (x: number): string => `${x.toFixed(1)} MB`;

export const percent = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
