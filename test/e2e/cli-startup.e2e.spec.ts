import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli';
import { CLI_BIN, REPO_ROOT, tempDir } from '../support/paths';

/** Every module a run loaded: the files Node required. */
function modulesLoaded(stderr: string): string[] {
  return JSON.parse(/LOADED (.*)/.exec(stderr)![1]);
}

/**
 * Client commands must stay light: they talk REST and load neither TypeORM, nor the SQLite
 * driver, nor isolated-vm. A preloaded probe lists every module the process loaded.
 */
test('a client command loads no database or isolate code', () => {
  const probe = join(tempDir(), 'probe.js');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));");
  const run = spawnSync(process.execPath, ['--require', probe, CLI_BIN, 'ops', 'health', '--server-url', 'http://127.0.0.1:9'], { encoding: 'utf8' });
  const said = run.stderr.replace(/^LOADED .*$/gm, '').trim();
  // One process: a client command is not re-run with --no-node-snapshot (a re-run would
  // inherit the probe and report twice).
  assert.equal(run.stderr.match(/^LOADED /gm)?.length, 1, run.stderr);
  assert.equal(run.status, 1, said);
  assert.match(said, /^Error: cannot reach the vm-system daemon at http:\/\/127\.0\.0\.1:9/);
  const loaded = modulesLoaded(run.stderr);
  assert.ok(
    loaded.some((m) => m.includes('nest-commander')),
    'the probe sees the CLI load',
  );
  // zod (~45 ms to load) stays behind the daemon too: the client takes the contract's types only.
  // inquirer's prompts (with lodash, ~250 files) wait for a question this CLI never asks (cli/defer-inquirer.ts).
  // Of the ledger, only the hash chain may load (pure hashing: audit verify checks an export with it).
  const ledger = loaded.filter((m) => m.includes('/libs/ledger/') && !m.includes('/libs/ledger/src/chain/'));
  assert.deepEqual(ledger, [], 'the ledger must not be loaded');
  for (const heavy of [
    'typeorm',
    'better-sqlite3',
    'isolated-vm',
    '@nestjs/platform-express',
    '/libs/core/',
    '/libs/runtime/',
    '/zod/',
    '/libs/contract/',
    '/inquirer/lib/prompts/',
    '/lodash/',
  ]) {
    assert.deepEqual(
      loaded.filter((m) => m.includes(heavy)),
      [],
      `${heavy} must not be loaded`,
    );
  }
});

test('--version and -V print the version of package.json, before Nest or any command loads', async () => {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.match(version, /^\d+\.\d+\.\d+/);
  // With other words on the line, commander answers it from the full command tree: the same version.
  const runs = await Promise.all([['--version'], ['-V'], ['--output', 'json', '--version'], ['session', '-V']].map((args) => runCli(args)));
  for (const run of runs) assert.deepEqual([run.code, run.stdout, run.stderr], [0, `${version}\n`, '']);

  const probe = join(tempDir(), 'probe.js');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));");
  const fast = spawnSync(process.execPath, ['--require', probe, CLI_BIN, '--version'], { encoding: 'utf8' });
  assert.equal(fast.stdout, `${version}\n`);
  const loaded: string[] = JSON.parse(/LOADED (.*)/.exec(fast.stderr)![1]);
  assert.ok(
    loaded.some((m) => m.endsWith('package-version.js')),
    'the probe sees the version read',
  );
  for (const heavy of ['nest-commander', '@nestjs/core', 'commander', '/commands/']) {
    assert.deepEqual(
      loaded.filter((m) => m.includes(heavy)),
      [],
      `${heavy} must not be loaded for --version`,
    );
  }
});
