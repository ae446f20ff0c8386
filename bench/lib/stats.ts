/** Figures of one side (ours or the floor) of a measurement. */
export type Unit = 'ms' | 'events/s' | 'exec/s' | 'MB';

export interface Figure {
  unit: Unit;
  /** Median over every sample (latencies) or over the rounds' values (rates, sizes). */
  p50: number;
  /** 99th percentile of every sample; only for latencies. */
  p99?: number;
  /**
   * How far repeated rounds disagree: (max − min) / median of the rounds' medians. On a
   * shared machine this is the noise a reader should allow for any ratio.
   */
  spread: number;
  /** Samples behind p50/p99 (calls, or rounds for rates). */
  n: number;
  rounds: number;
}

/** Higher is better for rates; lower for latencies and sizes. */
export const higherIsBetter = (unit: Unit): boolean => unit === 'events/s' || unit === 'exec/s';

export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

export function spreadOf(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = median(values);
  return m === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / m;
}

/** Latencies: rounds of samples (ms); p50/p99 over all, spread over the rounds' medians. */
export function latencyFigure(rounds: readonly number[][]): Figure {
  const all = rounds.flat();
  return { unit: 'ms', p50: median(all), p99: quantile(all, 0.99), spread: spreadOf(rounds.map(median)), n: all.length, rounds: rounds.length };
}

/** One value per round (a rate, a size): median and spread over the rounds. */
export function valueFigure(unit: Unit, values: readonly number[]): Figure {
  return { unit, p50: median(values), spread: spreadOf(values), n: values.length, rounds: values.length };
}

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Milliseconds each call takes, n times after `warmup` untimed calls. */
export async function timeCalls(n: number, warmup: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = now();
    await call();
    samples.push(now() - start);
  }
  return samples;
}

/** Runs `ours` and `floor` alternately, round after round, so both see the same noise. */
export async function interleave<A, B>(rounds: number, ours: (round: number) => Promise<A>, floor: (round: number) => Promise<B>): Promise<{ ours: A[]; floor: B[] }> {
  const a: A[] = [];
  const b: B[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(await ours(r));
    b.push(await floor(r));
  }
  return { ours: a, floor: b };
}

export function formatValue(unit: Unit, x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (unit === 'ms') return x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`;
  if (unit === 'MB') return `${x.toFixed(1)} MB`;
  return `${Math.round(x).toLocaleString('en-US')} ${unit}`;
}
