// The coverage summary `node test/run.mjs --coverage` prints: NODE_V8_COVERAGE, set for the
// whole run, makes every Node process (test files, the daemons and CLIs they start, session
// hosts) write V8's block coverage when it exits. Merged here over all of them and mapped
// through the compiled files' source maps to the TypeScript lines of apps/ and libs/: a line
// counts as run when some process ran code compiled from it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const COVERED = ['apps', 'libs'];
/** Compiled here but run elsewhere: the guest runtime is sent as source text into each isolate, where the process's coverage does not reach. */
const NOT_COUNTED = { 'libs/runtime/src/guest/': 'runs inside the isolates, where V8 coverage of the process does not reach' };
const LEAST_COVERED_SHOWN = 8;

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/** One compiled file: its code lines, which of them ran, its functions and whether each ran. */
class CompiledFile {
  constructor(path) {
    this.path = path;
    const text = readFileSync(path, 'utf8');
    // The offset of each line's first non-blank character, or -1 for a blank line.
    this.codeStarts = [];
    this.indents = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      const indent = line.search(/\S/);
      this.codeStarts.push(indent < 0 ? -1 : offset + indent);
      this.indents.push(indent);
      offset += line.length + 1;
    }
    this.ran = new Uint8Array(this.codeStarts.length);
    /** startOffset → ran somewhere */
    this.functions = new Map();
  }

  /** Adds one process's coverage of this file: the innermost range around a line decides whether it ran. */
  add(functions) {
    const ranges = functions.flatMap((fn) => fn.ranges).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
    const stack = [];
    let next = 0;
    this.codeStarts.forEach((start, line) => {
      if (start < 0) return;
      while (next < ranges.length && ranges[next].startOffset <= start) {
        while (stack.length > 0 && stack.at(-1).endOffset <= ranges[next].startOffset) stack.pop();
        stack.push(ranges[next++]);
      }
      while (stack.length > 0 && stack.at(-1).endOffset <= start) stack.pop();
      if (stack.length > 0 && stack.at(-1).count > 0) this.ran[line] = 1;
    });
    for (const fn of functions) {
      const [extent] = fn.ranges;
      if (extent.startOffset === 0 && fn.functionName === '') continue; // the module itself
      this.functions.set(extent.startOffset, this.functions.get(extent.startOffset) || extent.count > 0);
    }
  }

  /** Adds each TypeScript line this file was compiled from (→ whether code compiled from it ran); answers how many code lines mapped. */
  sourceLines(into) {
    const mapFile = `${this.path}.map`;
    if (!existsSync(mapFile)) return 0;
    let mapped = 0;
    const payload = JSON.parse(readFileSync(mapFile, 'utf8'));
    const map = new SourceMap(payload);
    const base = resolve(dirname(this.path), payload.sourceRoot ?? '');
    const onLine = (line, column) => {
      const entry = map.findEntry(line, column);
      return entry.generatedLine === line && entry.originalSource ? entry : undefined;
    };
    this.codeStarts.forEach((start, line) => {
      if (start < 0) return;
      const entry = onLine(line, this.indents[line]) ?? onLine(line, Number.MAX_SAFE_INTEGER);
      if (!entry) return;
      mapped += 1;
      const source = resolve(base, entry.originalSource.replace(/^file:\/\//, ''));
      const lines = into.get(source) ?? new Map();
      into.set(source, lines);
      lines.set(entry.originalLine, lines.get(entry.originalLine) || this.ran[line] === 1);
    });
    return mapped;
  }
}

const percent = (part, whole) => (whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);

export function printCoverage(coverageDir, root) {
  const compiled = new Map(
    COVERED.flatMap((dir) => (existsSync(join(root, 'dist', dir)) ? walk(join(root, 'dist', dir)) : []))
      .filter((path) => path.endsWith('.js') && !Object.keys(NOT_COUNTED).some((dir) => relative(join(root, 'dist'), path).startsWith(dir)))
      .map((path) => [pathToFileURL(path).href, new CompiledFile(path)]),
  );
  const reports = existsSync(coverageDir) ? readdirSync(coverageDir).filter((name) => name.endsWith('.json')) : [];
  const loaded = new Set();
  for (const report of reports) {
    let scripts;
    try {
      scripts = JSON.parse(readFileSync(join(coverageDir, report), 'utf8')).result;
    } catch {
      continue; // a process killed while writing it
    }
    for (const script of scripts) {
      const file = compiled.get(script.url);
      if (!file) continue;
      file.add(script.functions);
      loaded.add(script.url);
    }
  }

  const sources = new Map();
  const packages = new Map();
  const packageOf = (path) => path.split('/').slice(0, 2).join('/');
  const tally = (name) => packages.get(name) ?? packages.set(name, { lines: 0, ran: 0, functions: 0, called: 0 }).get(name);
  const withCode = new Set();
  for (const [url, file] of compiled) {
    if (file.sourceLines(sources) > 0) withCode.add(url);
    const counts = tally(packageOf(relative(join(root, 'dist'), file.path)));
    counts.functions += file.functions.size;
    counts.called += [...file.functions.values()].filter(Boolean).length;
  }
  const files = [];
  for (const [source, lines] of sources) {
    const ran = [...lines.values()].filter(Boolean).length;
    const counts = tally(packageOf(relative(root, source)));
    counts.lines += lines.size;
    counts.ran += ran;
    files.push({ name: relative(root, source), lines: lines.size, ran });
  }

  const total = { lines: 0, ran: 0, functions: 0, called: 0 };
  console.log(`\nCoverage of apps/ and libs/ over ${reports.length} processes (TypeScript lines that ran; functions called):`);
  for (const [name, counts] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    for (const key of Object.keys(total)) total[key] += counts[key];
    console.log(
      `  ${name.padEnd(22)} ${percent(counts.ran, counts.lines)} of ${String(counts.lines).padStart(5)} lines  ${percent(counts.called, counts.functions)} of ${String(counts.functions).padStart(4)} functions`,
    );
  }
  console.log(
    `  ${'all'.padEnd(22)} ${percent(total.ran, total.lines)} of ${String(total.lines).padStart(5)} lines  ${percent(total.called, total.functions)} of ${String(total.functions).padStart(4)} functions`,
  );
  const least = files
    .filter((file) => file.lines >= 10)
    .sort((a, b) => a.ran / a.lines - b.ran / b.lines)
    .slice(0, LEAST_COVERED_SHOWN);
  console.log(`  least covered: ${least.map((file) => `${file.name} ${percent(file.ran, file.lines).trim()}`).join(', ')}`);
  const neverLoaded = [...withCode].filter((url) => !loaded.has(url)).map((url) => relative(join(root, 'dist'), fileURLToPath(url)));
  if (neverLoaded.length > 0) console.log(`  never loaded by any process: ${neverLoaded.join(', ')}`);
  for (const [dir, why] of Object.entries(NOT_COUNTED)) console.log(`  not counted: ${dir} (${why})`);
}
