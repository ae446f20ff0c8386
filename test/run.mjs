// Runs every test file (test/**/*.spec.ts, compiled to dist/test/**/*.spec.js) with Node's
// own test runner, in processes started with --no-node-snapshot (isolated-vm on Node 20
// wants it), and ends with one line `N passed, M failed`. Optional arguments filter files by
// substring: `node test/run.mjs e2e` runs the e2e specs only; `--coverage` also prints the
// line and function coverage of apps/ and libs/ across every process of the run.
//
// Each file runs in a process group of its own, as many at once as there are cores (files in
// parallel: no test's verdict depends on timing), so the runner can hold it to account: a file
// fails (and is named) when a test in it fails, when it registers no test, when its process
// exits non-zero, when it outlives FILE_TIMEOUT, or when it leaves a process running (a
// daemon a test started and never stopped; the group is then killed). A run that outlives
// RUN_TIMEOUT kills what still runs and counts every unfinished file as failed: the tally
// is printed either way.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printCoverage } from './coverage.mjs';
import { startTestPostgres } from './postgres-server.mjs';
import { leftoverProcesses } from './process-group.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'test');
const testDir = join(root, 'dist', 'test');
const args = process.argv.slice(2);
const coverage = args.includes('--coverage');
const filters = args.filter((arg) => arg !== '--coverage');

const seconds = (name, fallback) => Number(process.env[name] ?? fallback) * 1000;
const FILE_TIMEOUT = seconds('VM_SYSTEM_TEST_FILE_TIMEOUT', 300);
const RUN_TIMEOUT = seconds('VM_SYSTEM_TEST_RUN_TIMEOUT', 1800);
/** How long a finished file's stragglers (hosts of a daemon it killed) get to exit by themselves. */
const LEFTOVER_GRACE = 10_000;
const CONCURRENCY = Number(process.env.VM_SYSTEM_TEST_CONCURRENCY ?? availableParallelism());
/** A whole run with fewer tests than this lost some without anyone deciding so: raise it as tests are added. */
const MINIMUM_TESTS = 600;

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

// The sources decide what runs: a compiled spec whose source is gone never runs again.
const sources = walk(sourceDir)
  .filter((f) => f.endsWith('.spec.ts'))
  .map((f) => relative(sourceDir, f))
  .filter((name) => filters.length === 0 || filters.some((x) => name.includes(x)))
  .sort();

if (sources.length === 0) {
  console.error(`no test files under ${sourceDir} match ${filters.join(' ') || '*.spec.ts'}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// A spec whose source says `@engines sqlite postgres` runs twice: as is, and again with its
// daemons on the suite's PostgreSQL (VM_SYSTEM_TEST_ENGINE=postgres; see test/support/daemon.ts).
const BOTH_ENGINES = '@engines sqlite postgres';
const files = sources.flatMap((name) => {
  const file = { name, path: join(testDir, name.replace(/\.ts$/, '.js')), source: join(sourceDir, name), env: {} };
  if (!readFileSync(file.source, 'utf8').includes(BOTH_ENGINES)) return [file];
  return [file, { ...file, name: `${name} [postgres]`, env: { VM_SYSTEM_TEST_ENGINE: 'postgres' } }];
});
const workDir = mkdtempSync(join(tmpdir(), 'vm-system-tests-'));
const childEnv = { ...process.env };
if (coverage) childEnv.NODE_V8_COVERAGE = join(workDir, 'coverage');

// A PostgreSQL server only for a run with a spec that names it (directly or through a
// test/support helper whose name has `TestPostgres` in it) or runs on both engines:
// `node test/run.mjs unit` starts none. Without one the other tests still run, and the
// PostgreSQL ones fail saying why.
const needsPostgres = files.some((f) => f.env.VM_SYSTEM_TEST_ENGINE || (existsSync(f.path) && /VM_SYSTEM_TEST_PG_URL|TestPostgres/.test(readFileSync(f.path, 'utf8'))));
const postgres = needsPostgres ? await startTestPostgres().catch((err) => void console.error(`the PostgreSQL tests will fail: ${err.message}`)) : undefined;
if (postgres) childEnv.VM_SYSTEM_TEST_PG_URL = postgres.url;

/** Per file: passed, failed, the reasons it failed beyond its tests, its run time. */
const results = new Map();
const running = new Map();

const countsOf = (tap) => {
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const summarised = /^# tests \d+$/m.test(tap);
  return { summarised, tests: count('tests'), passed: count('pass'), failed: count('fail') + count('cancelled') + count('skipped') + count('todo') };
};

/**
 * The failing tests' names and the first line of each error, from the file's TAP: the
 * summary at the end of a long run (often all a CI log keeps) says why, not only where.
 */
function whyFailed(tap) {
  const lines = tap.split('\n');
  const reasons = [];
  for (let i = 0; i < lines.length; i++) {
    const name = /^\s*not ok \d+ - (.*)$/.exec(lines[i])?.[1];
    if (name === undefined) continue;
    let error = '';
    let suite = false;
    for (let j = i + 1; j < lines.length && !/^\s*\.\.\.$/.test(lines[j]); j++) {
      if (/^\s*failureType: 'subtestsFailed'$/.test(lines[j])) suite = true;
      const said = /^\s*error: (.*)$/.exec(lines[j])?.[1];
      if (said !== undefined) error = /^[|>]-?$/.test(said) ? (lines[j + 1] ?? '').trim() : said;
    }
    if (!suite) reasons.push(`${name.slice(0, 200)}: ${error.slice(0, 400)}`);
  }
  return reasons;
}

function runFile(file) {
  if (!existsSync(file.path) || statSync(file.path).mtimeMs < statSync(file.source).mtimeMs) {
    results.set(file.name, { passed: 0, failed: 0, problems: ['not built from its current source: run npm run build'], ms: 0 });
    return Promise.resolve();
  }
  const tapFile = join(workDir, `${file.name.replaceAll('/', '_')}.tap`);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['--no-node-snapshot', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, file.path],
    { cwd: root, env: { ...childEnv, ...file.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const problems = [];
  const timer = setTimeout(() => {
    problems.push(`timed out after ${FILE_TIMEOUT / 1000} s`);
    killGroup(child.pid);
  }, FILE_TIMEOUT);
  running.set(file.name, { child, problems });
  return new Promise((resolve) => {
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      const left = await leftoverProcesses(child.pid, LEFTOVER_GRACE);
      if (left.length > 0) {
        problems.push(`left ${left.length} process(es) running after its tests ended (killed): ${left.join('; ')}`);
        killGroup(child.pid);
      }
      running.delete(file.name);
      const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
      const { summarised, tests, passed, failed } = countsOf(tap);
      // Node 20 reports a file that registers no test as one passing test named by its path.
      const fileAsTest = tap.split('\n').includes(`ok 1 - ${file.path}`);
      if ((summarised && tests === 0) || fileAsTest) problems.push('registers no test');
      if ((code !== 0 || signal) && failed === 0 && problems.length === 0) problems.push(`exited with ${signal ?? `code ${code}`}`);
      process.stdout.write(`\n▶ ${file.name}\n${output}`);
      results.set(file.name, { passed: passed - (fileAsTest ? 1 : 0), failed, problems, why: failed > 0 ? whyFailed(tap) : [], ms: Date.now() - started });
      resolve();
    });
  });
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group has gone already
  }
}

const queue = [...files];
const worker = async () => {
  for (let file = queue.shift(); file; file = queue.shift()) await runFile(file);
};
let runTimedOut = false;
const runTimer = setTimeout(() => {
  runTimedOut = true;
  queue.length = 0;
  for (const { child, problems } of running.values()) {
    problems.push(`stopped: the whole run timed out after ${RUN_TIMEOUT / 1000} s`);
    killGroup(child.pid);
  }
}, RUN_TIMEOUT);
const interrupt = (signal) => {
  for (const { child } of running.values()) killGroup(child.pid);
  postgres?.stop();
  rmSync(workDir, { recursive: true, force: true });
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
clearTimeout(runTimer);

postgres?.stop();
if (coverage) printCoverage(childEnv.NODE_V8_COVERAGE, root);
rmSync(workDir, { recursive: true, force: true });

let passed = 0;
let failed = 0;
const failures = [];
console.log(`\n${files.length} test files (passed/failed, seconds):`);
for (const file of files) {
  const result = results.get(file.name) ?? { passed: 0, failed: 0, problems: [runTimedOut ? 'not run: the whole run timed out' : 'not run'], ms: 0 };
  passed += result.passed;
  failed += result.failed + result.problems.length;
  if (result.failed > 0 || result.problems.length > 0) {
    failures.push(`  ${file.name}: ${[...(result.failed ? [`${result.failed} failed`] : []), ...result.problems].join('; ')}`);
    for (const why of result.why ?? []) failures.push(`    ${why}`);
  }
  console.log(`  ${String(result.passed).padStart(4)} ${String(result.failed).padStart(3)} ${(result.ms / 1000).toFixed(1).padStart(6)}  ${file.name}`);
}
if (filters.length === 0 && passed + failed < MINIMUM_TESTS) {
  failures.push(`  the whole run counted ${passed + failed} tests, fewer than the minimum of ${MINIMUM_TESTS} in test/run.mjs`);
  failed += 1;
}
if (failures.length > 0) console.log(`failed:\n${failures.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
