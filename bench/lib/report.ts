import { Figure, formatValue, higherIsBetter } from './stats';

/** A target from issue #7: a bound on ours/floor, or on ours alone. */
export type Target =
  | { kind: 'ratio-max'; value: number }
  | { kind: 'ratio-min'; value: number }
  | { kind: 'min'; value: number }
  | { kind: 'max'; value: number }
  /** A comparison the scenario decides itself (e.g. "no slower than at 1,000"). */
  | { kind: 'custom'; text: string; met: boolean };

export interface Row {
  metric: string;
  ours: Figure;
  floor?: Figure;
  target?: Target;
  /** A comparison that explains a figure (not ours against its floor): left out of the chart. */
  reference?: boolean;
}

export interface ScenarioResult {
  name: string;
  title: string;
  /** What the floor is, in one sentence. */
  floor: string;
  rows: Row[];
  /** Why the scenario did not run (a route that is not there yet), instead of rows. */
  skipped?: string;
  notes?: string[];
}

/** ours/floor on the p50s. */
export const ratio = (row: Row): number | undefined => (row.floor ? row.ours.p50 / row.floor.p50 : undefined);

/**
 * "How many floors" it costs: ≥ 1 means slower (or bigger) than the floor, whatever the unit.
 * Latencies and sizes: ours/floor; rates: floor/ours.
 */
export function costRatio(row: Row): number | undefined {
  const r = ratio(row);
  if (r === undefined) return undefined;
  return higherIsBetter(row.ours.unit) ? 1 / r : r;
}

export function targetText(target: Target | undefined, unit: Row['ours']['unit']): string {
  if (!target) return '';
  switch (target.kind) {
    case 'ratio-max':
      return `≤ ${target.value}× floor`;
    case 'ratio-min':
      return `≥ ${Math.round(target.value * 100)}% of floor`;
    case 'min':
      return `≥ ${formatValue(unit, target.value)}`;
    case 'max':
      return `≤ ${formatValue(unit, target.value)}`;
    case 'custom':
      return target.text;
  }
}

export function targetMet(row: Row): boolean | undefined {
  const t = row.target;
  if (!t) return undefined;
  const r = ratio(row);
  switch (t.kind) {
    case 'ratio-max':
      return r !== undefined && r <= t.value;
    case 'ratio-min':
      return r !== undefined && r >= t.value;
    case 'min':
      return row.ours.p50 >= t.value;
    case 'max':
      return row.ours.p50 <= t.value;
    case 'custom':
      return t.met;
  }
}

const pct = (x: number) => `±${(x * 50).toFixed(0)}%`;

/** One markdown table for a scenario: both sides, spread, ratio, target. */
export function scenarioTable(result: ScenarioResult): string {
  if (result.skipped) return `_Not run: ${result.skipped}_`;
  const lines = [
    '| metric | ours p50 | ours p99 | ours spread | floor p50 | floor p99 | floor spread | ours/floor | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of result.rows) {
    const { ours, floor } = row;
    const r = ratio(row);
    const met = targetMet(row);
    lines.push(
      [
        row.metric,
        formatValue(ours.unit, ours.p50),
        formatValue(ours.unit, ours.p99),
        `${pct(ours.spread)} (${ours.rounds})`,
        floor ? formatValue(floor.unit, floor.p50) : '–',
        floor ? formatValue(floor.unit, floor.p99) : '–',
        floor ? `${pct(floor.spread)} (${floor.rounds})` : '–',
        r === undefined ? '–' : `${r.toFixed(2)}×`,
        targetText(row.target, ours.unit),
        met === undefined ? '' : met ? 'yes' : '**no**',
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    );
  }
  return lines.join('\n');
}
