import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { EventStore, sqliteExecutor } from '@vm-system/ledger';
import { spawnCli } from '../support/cli';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate } from '../support/fixtures';
import { rawRequest } from '../support/http';

/** Prints a line, then runs until the test cancels it (its budgets are far away). */
const PRINT_THEN_LOOP = "console.log('first'); for (;;) {}";
const ROOMY = { limits: { cpu_ms: 600_000, wall_ms: 600_000 } };

describe('documented behaviour at the edges: run-file without waiting, exports after a position, big bodies, live tails by stream and kind', () => {
  let daemon: TestDaemon;
  before(async () => (daemon = await startDaemon()));
  after(() => daemon.stop());

  test('run-file with "wait": false answers 202 with the running execution; the session is busy until it ends', async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY, files: { 'loop.js': PRINT_THEN_LOOP } });
    const started = await rawRequest(daemon.url, 'POST', '/executions/run-file', JSON.stringify({ session_id: session.id, path: 'loop.js', wait: false }));
    assert.equal(started.status, 202, JSON.stringify(started.json));
    assert.deepEqual([started.json.status, started.json.kind, started.json.path, started.json.events], ['running', 'run_file', 'loop.js', undefined]);
    const busy = await rawRequest(daemon.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: '1' }));
    assert.deepEqual([busy.status, busy.json.error.code], [409, 'SESSION_BUSY']);
    // It runs until cancelled: the console line is recorded while it does.
    const seen: string[] = [];
    for await (const item of daemon.client.followExecution(started.json.id)) {
      if (item.kind === 'event' && item.event.type === 'console') {
        seen.push((item.event.payload as { text: string }).text);
        assert.equal((await daemon.client.cancelExecution(started.json.id)).status, 'cancelled');
      }
      if (item.kind === 'end') assert.equal(item.execution.status, 'cancelled');
    }
    assert.deepEqual(seen, ['first']);
    assert.equal((await daemon.client.repl(session.id, '1 + 1')).result?.json, 2);
  });

  test('exec run-file --stream prints the console line while the file runs, then the outcome', async (t) => {
    const session = await makeSession(daemon.client, { settings: ROOMY, files: { 'loop.js': PRINT_THEN_LOOP } });
    const cli = spawnCli(['exec', 'run-file', session.id, 'loop.js', '--stream'], daemon.url);
    t.after(() => cli.stop());
    assert.equal(await cli.line((line) => line === 'first'), 'first');
    const [running] = await daemon.client.listExecutions(session.id, 1);
    assert.deepEqual([running.status, running.kind], ['running', 'run_file'], 'the line came while the file ran');
    await daemon.client.cancelExecution(running.id);
    const result = await cli.exited;
    assert.equal(result.code, 0, result.stderr);
    const lines = cli.stdoutLines();
    assert.equal(lines[0], 'first');
    const outcome = lines.indexOf(`Execution ID: ${running.id}`);
    assert.ok(outcome > 0 && lines[outcome - 1] === '', result.stdout);
    assert.equal(lines[outcome + 1], 'Status: cancelled');
  });

  test('/ledger/export?after_position= and audit export --after-position give the rows after it, as the whole export has them', async () => {
    await makeTemplate(daemon.client);
    const whole = (await rawText(daemon.url, '/ledger/export')).split('\n').filter(Boolean);
    const cut = Math.floor(whole.length / 2);
    const after = JSON.parse(whole[cut - 1]).position;
    const tail = (await rawText(daemon.url, `/ledger/export?after_position=${after}`)).split('\n').filter(Boolean);
    assert.deepEqual(tail, whole.slice(cut));
    assert.equal(JSON.parse(tail[0]).position, after + 1);
    const cli = await daemon.cli('audit', 'export', '--after-position', String(after));
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(cli.stdout.split('\n').filter(Boolean), whole.slice(cut));
    const bad = await rawRequest(daemon.url, 'GET', '/ledger/export?after_position=-1');
    assert.deepEqual([bad.status, bad.json.error.code], [400, 'VALIDATION_ERROR']);
  });

  test('a body over the 10 MB limit is 400 INVALID_REQUEST "Request body too large", and nothing is recorded', async () => {
    const head = (await daemon.client.ledgerHead()).position;
    const big = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) });
    const answer = await rawRequest(daemon.url, 'POST', '/templates', big);
    assert.deepEqual([answer.status, answer.json.error.code, answer.json.error.message], [400, 'INVALID_REQUEST', 'Request body too large']);
    assert.equal((await daemon.client.ledgerHead()).position, head);
  });

  test('audit tail --stream follows one stream and --kind one kind of stream', async (t) => {
    const from = (await daemon.client.ledgerHead()).position;
    const followed = await makeTemplate(daemon.client);
    const byStream = spawnCli(['audit', 'tail', '--after-position', String(from), '--stream', `template-${followed}`], daemon.url);
    const byKind = spawnCli(['audit', 'tail', '--after-position', String(from), '--kind', 'session'], daemon.url);
    t.after(() => Promise.all([byStream.stop(), byKind.stop()]));
    // Events of other streams and kinds come first; the ones asked for after them, so by
    // the time those are printed, anything the filter let through would have been too.
    const other = await makeTemplate(daemon.client);
    const session = await makeSession(daemon.client);
    await daemon.client.addModule(followed, 'fs');
    await byStream.line((line) => line.includes('ModuleAdded'));
    await byKind.line((line) => line.includes('SessionStarted'));
    const streamOf = (line: string) => line.split('  ')[2].replace(/#\d+$/, '');
    assert.deepEqual(
      byStream.stdoutLines().map((line) => line.split('  ').slice(2, 4).join(' ')),
      [`template-${followed}#1 TemplateCreated`, `template-${followed}#2 ModuleAdded`],
    );
    assert.ok(!byStream.stdoutLines().some((line) => line.includes(other)));
    assert.ok(byKind.stdoutLines().length > 0);
    assert.ok(
      byKind.stdoutLines().every((line) => streamOf(line) === `session-${session.id}`),
      byKind.stdoutLines().join('\n'),
    );
    const badKind = await daemon.cli('audit', 'tail', '--kind', 'sessions');
    assert.equal(badKind.code, 2, badKind.stderr);
  });
});

describe('GET /ops/projections: lag_seconds', () => {
  test('events another writer appended without the read models: lag_events counts them, lag_seconds is the time between the first and the head', async (t) => {
    const daemon = await startDaemon();
    t.after(() => daemon.stop());
    const templateId = await makeTemplate(daemon.client);
    assert.ok((await daemon.client.projections()).every((p) => p.lag_events === 0 && p.lag_seconds === 0));
    const checkpoint = (await daemon.client.ledgerHead()).position;
    // The ledger's own store on the daemon's file, with no read models to update.
    const db = new Database(daemon.dbFile, { timeout: 5000 });
    try {
      const store = new EventStore(sqliteExecutor(db), []);
      const [first] = store.append(`template-${templateId}`, 1, [{ type: 'ModuleAdded', data: { name: 'fs' } }]);
      // Two commit times that differ: the clock ticks past the first one's millisecond.
      while (new Date().toISOString() <= first.recorded_at);
      const [second] = store.append(`template-${templateId}`, 2, [{ type: 'ModuleAdded', data: { name: 'database' } }]);
      const lag = (Date.parse(second.recorded_at) - Date.parse(first.recorded_at)) / 1000;
      assert.ok(lag > 0);
      const statuses = await daemon.client.projections();
      assert.deepEqual(
        statuses,
        statuses.map((p) => ({ name: p.name, checkpoint, lag_events: 2, lag_seconds: lag })),
      );
    } finally {
      db.close();
    }
  });
});

async function rawText(url: string, path: string): Promise<string> {
  const response = await fetch(`${url}/api/v1${path}`);
  assert.equal(response.status, 200);
  return response.text();
}
