// Runs every compiled test file (dist/test/**/*.spec.js) with Node's own test runner,
// in processes started with --no-node-snapshot (isolated-vm on Node 20 wants it), and
// ends with one line `N passed, M failed`. Optional arguments filter files by substring:
// `node test/run.mjs e2e` runs the e2e specs only.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPostgres } from './postgres-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const testDir = join(root, 'dist', 'test');
const filters = process.argv.slice(2);

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

const files = walk(testDir)
  .filter((f) => f.endsWith('.spec.js'))
  .filter((f) => filters.length === 0 || filters.some((x) => relative(testDir, f).includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`no test files under ${testDir} match ${filters.join(' ') || '*.spec.js'}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// A PostgreSQL server only for a run with a spec file that names it (directly or through a
// test/support helper whose name has `TestPostgres` in it): `node test/run.mjs unit` starts none.
// Without one the other tests still run, and the PostgreSQL ones fail saying why.
const needsPostgres = files.some((f) => /VM_SYSTEM_TEST_PG_URL|TestPostgres/.test(readFileSync(f, 'utf8')));
const postgres = needsPostgres ? await startTestPostgres().catch((err) => void console.error(`the PostgreSQL tests will fail: ${err.message}`)) : undefined;

const tapFile = join(tmpdir(), `vm-system-tests-${process.pid}.tap`);
const args = [
  '--no-node-snapshot',
  '--test',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapFile}`,
  ...files,
];
const env = postgres ? { ...process.env, VM_SYSTEM_TEST_PG_URL: postgres.url } : process.env;
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
child.on('exit', (code) => {
  postgres?.stop();
  const tap = readFileSync(tapFile, 'utf8');
  rmSync(tapFile, { force: true });
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled') + (code !== 0 && count('fail') === 0 ? 1 : 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || code !== 0 ? 1 : 0);
});
