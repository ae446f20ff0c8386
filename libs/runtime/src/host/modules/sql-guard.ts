import { HostModuleError } from './host-module-error';

/**
 * Refuses SQL that reaches files outside the session's database: `ATTACH` opens (and creates)
 * any file the host process can reach, `VACUUM INTO` writes one. better-sqlite3 offers no
 * authorizer and no `sqlite3_limit(SQLITE_LIMIT_ATTACHED)`, so the text is checked instead.
 *
 * The scan mirrors SQLite's tokenizer where it matters: it skips exactly what SQLite skips as
 * string literals, quoted identifiers and comments (no backslash escapes, `''` doubling,
 * non-nesting block comments, `[...]` without escapes), and compares bare words ASCII
 * case-insensitively, as SQLite matches keywords. Anything it cannot classify counts as a word
 * or punctuation, so a mismatch can only refuse too much (e.g. a column named `attach`),
 * never let a keyword through. URI filenames are compiled out (SQLITE_USE_URI=0) and the
 * `load_extension()` SQL function is disabled by better-sqlite3.
 */

const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

export function bareWords(sql: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i + 2);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(sql, i, c);
    } else if (c === '[') {
      const end = sql.indexOf(']', i + 1);
      i = end === -1 ? sql.length : end + 1;
    } else if (WORD_CHAR.test(c)) {
      let j = i + 1;
      while (j < sql.length && WORD_CHAR.test(sql[j])) j++;
      words.push(sql.slice(i, j).toUpperCase());
      i = j;
    } else {
      i++;
    }
  }
  return words;
}

// A quote ends at the next lone quote character; a doubled one is part of the text.
function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return sql.length;
}

export function assertSqlAllowed(sql: string): void {
  const words = bareWords(sql);
  if (words.includes('ATTACH')) {
    throw new HostModuleError('ATTACH is not allowed: a session uses only the database it configured', { code: 'SQL_NOT_ALLOWED' });
  }
  if (words.includes('VACUUM') && words.includes('INTO')) {
    throw new HostModuleError('VACUUM INTO is not allowed: it writes a file outside the configured database', { code: 'SQL_NOT_ALLOWED' });
  }
}
