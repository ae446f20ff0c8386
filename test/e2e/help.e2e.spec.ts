import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli';
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
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /^Error: unknown help topic: nonsense \(topics: .*getting-started/);
});
