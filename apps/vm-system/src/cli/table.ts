/** An aligned text table with a header row. */
export function formatTable(headers: string[], rows: (string | number | boolean | undefined | null)[][]): string {
  const cells = rows.map((row) => row.map((c) => (c === undefined || c === null ? '' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]))).join('  ');
  return [line(headers), ...cells.map(line)].join('\n');
}
