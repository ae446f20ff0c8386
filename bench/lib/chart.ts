import { costRatio, Row, ScenarioResult, Target } from './report';
import { higherIsBetter } from './stats';

/**
 * A horizontal bar chart (SVG, no dependency) of every row's cost in floors: 1 = as fast as
 * the bare parts, 2 = twice the floor's time (or half its rate). The target, when it is a
 * ratio, is drawn as a tick on the bar.
 */
export function ratioChart(results: ScenarioResult[], subtitle: string): string {
  const bars: { label: string; cost: number; limit?: number }[] = [];
  for (const result of results) {
    for (const row of result.rows) {
      if (row.reference || row.target?.kind === 'custom') continue;
      const cost = costRatio(row);
      if (cost === undefined || !Number.isFinite(cost)) continue;
      bars.push({ label: chartLabel(result.name, row.metric), cost, limit: costLimit(row.target, row) });
    }
  }
  const width = 960;
  const labelWidth = 430;
  const barHeight = 22;
  const top = 56;
  const height = top + bars.length * (barHeight + 6) + 40;
  const maxCost = Math.max(2, ...bars.map((b) => Math.max(b.cost, b.limit ?? 0))) * 1.1;
  const plot = width - labelWidth - 90;
  const x = (v: number) => Math.round((labelWidth + (v / maxCost) * plot) * 10) / 10;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold">vm-system cost in floors (ours ÷ floor for times and sizes, floor ÷ ours for rates; 1 = the bare parts)</text>`,
    `<text x="10" y="38" fill="#555">${esc(subtitle)}</text>`,
  ];
  for (let v = 0; v <= maxCost; v += maxCost > 10 ? 5 : 1) {
    parts.push(`<line x1="${x(v)}" y1="${top - 6}" x2="${x(v)}" y2="${height - 30}" stroke="#ddd"/>`);
    parts.push(`<text x="${x(v)}" y="${height - 16}" text-anchor="middle" fill="#555">${v}×</text>`);
  }
  bars.forEach((bar, i) => {
    const y = top + i * (barHeight + 6);
    const over = bar.limit !== undefined && bar.cost > bar.limit;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${esc(bar.label)}</text>`);
    parts.push(`<rect x="${labelWidth}" y="${y}" width="${Math.max(1, x(bar.cost) - labelWidth)}" height="${barHeight}" fill="${over ? '#d9534f' : '#4a7bd0'}"/>`);
    parts.push(`<text x="${x(bar.cost) + 6}" y="${y + 15}">${bar.cost.toFixed(2)}×</text>`);
    if (bar.limit !== undefined) parts.push(`<line x1="${x(bar.limit)}" y1="${y - 2}" x2="${x(bar.limit)}" y2="${y + barHeight + 2}" stroke="#000" stroke-width="2"/>`);
  });
  parts.push(`<line x1="${x(1)}" y1="${top - 6}" x2="${x(1)}" y2="${height - 30}" stroke="#888" stroke-dasharray="4 3"/>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** The scenario's short name and the metric without its parenthesis, short enough for the label column. */
export function chartLabel(scenario: string, metric: string): string {
  const label = `${scenario}: ${metric.replace(/ \(.*\)$/, '')}`;
  return label.length > 62 ? `${label.slice(0, 61)}…` : label;
}

/** The target expressed as a cost in floors, when it is a ratio. */
function costLimit(target: Target | undefined, row: Row): number | undefined {
  if (!target) return undefined;
  const rate = higherIsBetter(row.ours.unit);
  if (target.kind === 'ratio-max') return rate ? 1 / target.value : target.value;
  if (target.kind === 'ratio-min') return rate ? 1 / target.value : target.value;
  return undefined;
}
