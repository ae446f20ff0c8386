// @engines sqlite postgres: the runner runs this file again with its daemons on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ExecutionEvent, LedgerEvent } from '@vm-system/client';
import { spawnCli } from '../support/cli';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate } from '../support/fixtures';
import { rawRequest } from '../support/http';
import { readSse } from '../support/sse';

/**
 * Prints a line, then spins until the test cancels it (its budgets are out of reach): certainly
 * running when the line arrives, and still running whenever the test looks, however loaded the
 * machine.
 */
const PRINT_THEN_SPIN = "console.log('first'); for (;;) {}";
const SPIN_LIMITS = { limits: { cpu_ms: 600_000, wall_ms: 600_000 } };

describe('live tails and executions that do not block the caller', () => {
  let daemon: TestDaemon;
  before(async () => (daemon = await startDaemon()));
  after(() => daemon.stop());

  test('wait:false answers 202 with the running execution; the session is busy until it ends', async () => {
    const session = await makeSession(daemon.client, { settings: SPIN_LIMITS });
    const started = await rawRequest(daemon.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: PRINT_THEN_SPIN, wait: false }));
    assert.equal(started.status, 202);
    assert.equal(started.json.status, 'running');
    assert.equal(started.json.events, undefined);
    const busy = await rawRequest(daemon.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: '1' }));
    assert.equal(busy.status, 409);
    assert.equal(busy.json.error.code, 'SESSION_BUSY');
    assert.equal((await daemon.client.getExecution(started.json.id)).status, 'running', 'refused while the execution ran');
    assert.equal((await daemon.client.cancelExecution(started.json.id)).status, 'cancelled');
    const items = [];
    for await (const item of daemon.client.followExecution(started.json.id)) items.push(item);
    const end = items.at(-1)!;
    assert.equal(end.kind, 'end');
    assert.equal(end.kind === 'end' && end.execution.status, 'cancelled');
    assert.equal((await daemon.client.repl(session.id, '1')).result!.json, 1, 'the session takes executions again once it ended');
    const bad = await rawRequest(daemon.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: '1', wait: 'no' }));
    assert.deepEqual([bad.status, bad.json.error.code], [400, 'INVALID_REQUEST']);
  });

  test('an execution tail delivers events while it runs, ends with the finished execution, and resumes by Last-Event-ID', async () => {
    const session = await makeSession(daemon.client, { settings: SPIN_LIMITS });
    const started = await daemon.client.startRepl(session.id, PRINT_THEN_SPIN);
    const seen: ExecutionEvent[] = [];
    let statusWhenFirstArrived = '';
    let end;
    for await (const item of daemon.client.followExecution(started.id)) {
      if (item.kind === 'end') {
        end = item.execution;
        continue;
      }
      seen.push(item.event);
      if (item.event.type === 'console') {
        statusWhenFirstArrived = (await daemon.client.getExecution(started.id)).status;
        await daemon.client.cancelExecution(started.id);
      }
    }
    assert.equal(statusWhenFirstArrived, 'running', 'the console line arrived while the execution ran');
    assert.deepEqual(
      seen.map((e) => e.seq),
      seen.map((_, i) => i + 1),
      'every seq once, in order',
    );
    assert.deepEqual(seen, await daemon.client.executionEvents(started.id), 'the tail is the recorded stream');
    assert.equal(end?.status, 'cancelled');

    const resumed = await readSse(daemon.url, `/executions/${started.id}/events?follow=true`, { 'last-event-id': '1' });
    assert.equal(resumed.status, 200);
    assert.match(resumed.contentType!, /^text\/event-stream/);
    const messages = resumed.messages.filter((m) => m.event === 'message');
    assert.deepEqual(
      messages.map((m) => Number(m.id)),
      seen.slice(1).map((e) => e.seq),
      'Last-Event-ID wins over after_seq: no gap, no repeat',
    );
    assert.deepEqual(resumed.messages.at(-1)!.event, 'end');
    assert.equal(resumed.messages.at(-1)!.data.id, started.id);

    const unknown = await rawRequest(daemon.url, 'GET', '/executions/00000000-0000-4000-8000-000000000000/events?follow=true');
    assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'EXECUTION_NOT_FOUND']);
    const badFollow = await rawRequest(daemon.url, 'GET', `/executions/${started.id}/events?follow=yes`);
    assert.deepEqual([badFollow.status, badFollow.json.error.code], [400, 'VALIDATION_ERROR']);
  });

  test('the ledger tail follows new commits with its filters and resumes by Last-Event-ID', async () => {
    const from = (await daemon.client.ledgerHead()).position;
    const abort = new AbortController();
    const templateEvents: LedgerEvent[] = [];
    const tail = (async () => {
      try {
        for await (const event of daemon.client.followLedger(from, { stream_kind: 'template' }, abort.signal)) {
          templateEvents.push(event);
          if (event.type === 'TemplateDeleted') abort.abort();
        }
      } catch (error) {
        if (!abort.signal.aborted) throw error;
      }
    })();
    const templateId = await makeTemplate(daemon.client, { limits: { cpu_ms: 1234 } });
    await makeSession(daemon.client, { templateId });
    await daemon.client.deleteTemplate(templateId);
    await tail;
    assert.deepEqual(
      templateEvents.map((e) => e.type),
      ['TemplateCreated', 'TemplateSettingsChanged', 'TemplateDeleted'],
    );
    assert.ok(templateEvents.every((e) => e.stream_id === `template-${templateId}` && e.position > from));

    const resumed = await rawRequest(daemon.url, 'GET', `/ledger/events?after_position=${from}&stream_kind=template&limit=10`);
    assert.deepEqual(resumed.json, templateEvents, 'the paged read with the same filter gives the same events');
    const badKind = await rawRequest(daemon.url, 'GET', '/ledger/events?stream_kind=sessions');
    assert.deepEqual([badKind.status, badKind.json.error.code], [400, 'VALIDATION_ERROR']);
  });

  test('exec repl --stream prints the console line while the code runs, then the outcome', async () => {
    const session = await makeSession(daemon.client, { settings: SPIN_LIMITS });
    const cli = spawnCli(['exec', 'repl', session.id, PRINT_THEN_SPIN, '--stream'], daemon.url);
    await cli.line((l) => l === 'first');
    const [running] = await daemon.client.listExecutions(session.id, 1);
    assert.equal(running.status, 'running', 'the line was printed before the execution ended');
    await daemon.client.cancelExecution(running.id);
    const result = await cli.exited;
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(cli.stdoutLines(), [
      'first',
      '[system error] Execution cancelled',
      '',
      `Execution ID: ${running.id}`,
      'Status: cancelled',
      'Error: {"level":"error","message":"Execution cancelled"}',
    ]);
  });

  test('exec events --follow prints every event then the outcome; with --output json one JSON item per line', async () => {
    const session = await makeSession(daemon.client);
    const execution = await daemon.client.repl(session.id, "console.log('a'); console.warn('b'); 7");
    const human = await daemon.cli('exec', 'events', execution.id, '--follow');
    assert.equal(human.code, 0, human.stderr);
    assert.deepEqual(human.stdout.trim().split('\n'), [
      ...execution.events.map((e) => `[${e.seq}] ${e.type}: ${JSON.stringify(e.payload)}`),
      `Execution ID: ${execution.id}`,
      'Status: ok',
      `Result: ${JSON.stringify(execution.result)}`,
    ]);
    const json = await daemon.cli('exec', 'events', execution.id, '--follow', '--after-seq', '2', '--output', 'json');
    const items = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      items.slice(0, -1),
      execution.events.slice(2).map((event) => ({ kind: 'event', event })),
    );
    assert.equal(items.at(-1).kind, 'end');
    assert.equal(items.at(-1).execution.status, 'ok');
  });

  test('audit tail prints each new ledger event as it commits, filtered by --type', async (t) => {
    const from = (await daemon.client.ledgerHead()).position;
    const cli = spawnCli(['audit', 'tail', '--after-position', String(from), '--type', 'TemplateCreated', '--actor', 'tailer'], daemon.url);
    t.after(() => cli.stop());
    const templateId = await makeTemplate(daemon.client, { limits: { cpu_ms: 999 } });
    const line = await cli.line((l) => l.includes(templateId));
    await cli.stop();
    assert.match(line, new RegExp(`^\\d+  \\S+  template-${templateId}#1  TemplateCreated  `));
    assert.ok(
      cli.stdoutLines().every((l) => l.includes('TemplateCreated')),
      'only the asked type',
    );
  });
});
