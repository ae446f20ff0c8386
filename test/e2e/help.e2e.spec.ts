import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli';
import { allHelpPages } from '../support/cli-help';
import { REPO_ROOT } from '../support/paths';

const TOPICS = ['getting-started', 'api-reference', 'templates-and-sessions', 'cli-command-reference', 'architecture', 'examples'];

test('vm-system help TOPIC prints each docs/ topic, without a daemon', async () => {
  const results = await Promise.all(TOPICS.map((topic) => runCli(['help', topic])));
  results.forEach((result, i) => {
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, readFileSync(join(REPO_ROOT, 'docs', `${TOPICS[i]}.md`), 'utf8'));
  });
});

test('help for a command shows its usage; an unknown topic lists the topics', async () => {
  const [exec, unknown] = await Promise.all([runCli(['help', 'exec']), runCli(['help', 'nonsense'])]);
  assert.equal(exec.code, 0);
  assert.match(exec.stdout, /^Usage: vm-system exec/);
  assert.match(exec.stdout, /run-file/);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /^Error: VALIDATION_ERROR: unknown help topic: nonsense \(topics: .*getting-started.*; or a command: serve, template, session, exec, audit, ops, libs, token, completion\)\n$/,
  );
});

const GLOBAL_FLAGS = ['--server-url', '--output', '--token', '--actor', '--ca-cert', '--db', '--log-level'];
const envVar = (flag: string) => `VM_SYSTEM_${flag.slice(2).replace(/-/g, '_').toUpperCase()}`;

test('every --help names the program vm-system and lists the global flags with their variables', async () => {
  const pages = await allHelpPages();
  const paths = pages.map((page) => page.path.join(' '));
  // The walk reached every group and, through them, the commands (serve runs re-executed by the launcher).
  for (const path of ['', 'serve', 'template add-module', 'session create', 'exec repl', 'audit verify', 'ops health', 'libs download', 'token create', 'completion']) {
    assert.ok(paths.includes(path), `walked to '${path}'`);
  }
  assert.ok(pages.length >= 55, `${pages.length} help pages`);
  for (const page of pages) {
    const where = `vm-system ${page.path.join(' ')} --help`;
    assert.equal(page.usage.split(' [')[0].split(' <')[0], ['Usage: vm-system', ...page.path].join(' '), where);
    const globals = page.path.length === 0 ? page.options : page.globalOptions;
    for (const flag of GLOBAL_FLAGS) assert.ok(globals.includes(flag), `${where} lists ${flag}`);
    const prose = page.text.replace(/\s+/g, ' ');
    for (const flag of GLOBAL_FLAGS) assert.match(prose, new RegExp(`env: ${envVar(flag)}\\)`), `${where} names ${envVar(flag)}`);
    const flags = [...page.options, ...page.globalOptions];
    assert.deepEqual(
      flags.filter((flag, i) => flags.indexOf(flag) !== i),
      [],
      `${where} lists no flag twice`,
    );
    assert.ok(page.options.includes('--help'), where);
  }
});
