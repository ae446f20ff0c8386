const cache = new Map<string, string>();

/**
 * The port's SQL uses `?` placeholders (SQLite's); PostgreSQL numbers them ($1, $2…).
 * No statement of ours has a `?` inside a string literal, so a plain scan is exact.
 */
export function positionalParameters(sql: string): string {
  let text = cache.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    cache.set(sql, text);
  }
  return text;
}
