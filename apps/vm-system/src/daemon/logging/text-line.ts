/** One of pino's JSON lines as a person reads it: `time LEVEL [context] msg key=value …`. */
export function textLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, context, stack, ...fields } = entry;
  const pairs = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const head = [time, String(level).toUpperCase().padEnd(5), context === undefined ? undefined : `[${context}]`, msg].filter((part) => part !== undefined && part !== '');
  return `${[...head, ...pairs].join(' ')}\n${stack === undefined ? '' : `${stack}\n`}`;
}
