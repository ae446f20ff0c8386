// @engines sqlite postgres: the runner runs this file again with its daemons on PostgreSQL.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LedgerEvent, SessionStory, StateAt } from '@vm-system/client';
import { runCli, runCliJson } from '../support/cli';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, makeWorktree } from '../support/fixtures';
import { rawRequest } from '../support/http';

async function ndjsonLines(baseUrl: string, path: string): Promise<any[]> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { method: 'POST' });
  assert.match(response.headers.get('content-type')!, /^application\/x-ndjson/);
  return (await response.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}
import { tempDir } from '../support/paths';

describe('audit: replaying, exporting and importing the ledger', () => {
  let daemon: TestDaemon;
  before(async () => (daemon = await startDaemon()));
  after(() => daemon.stop());

  test('audit events filters by stream, kind and type and pages by position; audit stream pages by seq', async () => {
    const templateId = await makeTemplate(daemon.client, { limits: { cpu_ms: 1111 } });
    const session = await makeSession(daemon.client, { templateId });
    const url = daemon.url;
    const byStream = await runCliJson<LedgerEvent[]>(['audit', 'events', '--stream', `template-${templateId}`], url);
    assert.deepEqual(
      byStream.map((e) => [e.type, e.seq]),
      [
        ['TemplateCreated', 1],
        ['TemplateSettingsChanged', 2],
      ],
    );
    const started = await runCliJson<LedgerEvent[]>(['audit', 'events', '--kind', 'session', '--type', 'SessionStarted', '--limit', '1000'], url);
    assert.ok(started.some((e) => e.stream_id === `session-${session.id}`));
    assert.ok(started.every((e) => e.type === 'SessionStarted' && e.stream_id.startsWith('session-')));
    const page = await runCliJson<LedgerEvent[]>(['audit', 'events', '--after-position', String(byStream[0].position), '--limit', '1'], url);
    assert.deepEqual(
      page.map((e) => e.position),
      [byStream[0].position + 1],
    );
    const table = await daemon.cli('audit', 'events', '--stream', `template-${templateId}`);
    assert.match(table.stdout, /^POSITION\s+STREAM\s+SEQ\s+TYPE\s+ACTOR\s+RECORDED_AT\n/);
    assert.match(table.stdout, new RegExp(`\\n${byStream[1].position}\\s+template-${templateId}\\s+2\\s+TemplateSettingsChanged\\s+`));
    const stream = await runCliJson<LedgerEvent[]>(['audit', 'stream', `session-${session.id}`, '--after-seq', '1'], url);
    assert.deepEqual(
      stream.map((e) => e.seq),
      [2],
    );
    assert.equal(stream[0].type, 'SessionReady');
    const badKind = await daemon.cli('audit', 'events', '--kind', 'sessions');
    assert.equal(badKind.code, 2);
    assert.match(badKind.stderr, /VALIDATION_ERROR: --kind must be one of template, session, execution/);
  });

  test('every event records request_id, actor (--actor, X-Actor, default the OS user) and its causing command', async () => {
    const created = await runCliJson<{ id: string }>(['template', 'create', '--name', `actor-${process.pid}`, '--actor', 'alice'], daemon.url);
    await daemon.cli('template', 'add-module', created.id, '--name', 'fs');
    const viaHttp = await rawRequest(daemon.url, 'POST', `/templates/${created.id}/modules`, JSON.stringify({ name: 'exec' }), { 'x-actor': 'bob', 'x-request-id': 'audit-req-1' });
    assert.equal(viaHttp.status, 201);
    const events = await daemon.client.ledgerStream(`template-${created.id}`);
    assert.deepEqual(
      events.map((e) => [e.type, e.metadata.actor, e.metadata.causation]),
      [
        ['TemplateCreated', 'alice', 'CreateTemplate'],
        ['ModuleAdded', userInfo().username, 'AddModule'],
        ['ModuleAdded', 'bob', 'AddModule'],
      ],
    );
    assert.equal(events[2].metadata.request_id, 'audit-req-1');
    assert.notEqual(events[0].metadata.request_id, events[1].metadata.request_id);
  });

  test('a W3C traceparent puts its trace id on every event the request caused, the execution finished later included; an invalid one is ignored', async () => {
    const session = await makeSession(daemon.client);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const traced = await rawRequest(daemon.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: '6 * 7' }), {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    assert.equal(traced.status, 201, JSON.stringify(traced.json));
    const invalid = await rawRequest(daemon.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: '1' }), {
      traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
    });
    assert.equal(invalid.status, 201);
    const sessionEvents = await daemon.client.ledgerStream(`session-${session.id}`);
    const ofRun = (id: string) => sessionEvents.filter((e) => (e.data as { execution_id?: string }).execution_id === id);
    const tracedRun = [...ofRun(traced.json.id), ...(await daemon.client.ledgerStream(`execution-${traced.json.id}`))];
    assert.deepEqual(tracedRun.map((e) => e.type).slice(0, 2), ['ExecutionStarted', 'ExecutionFinished']);
    assert.ok(tracedRun.length >= 4, tracedRun.map((e) => e.type).join());
    for (const event of tracedRun) assert.equal(event.metadata.trace_id, traceId, `${event.type} at ${event.position}`);
    for (const event of ofRun(invalid.json.id)) assert.equal(event.metadata.trace_id, undefined, event.type);
  });

  test('audit state rebuilds a template or session as it was at a position or a time', async () => {
    const templateId = await makeTemplate(daemon.client, { limits: { cpu_ms: 1000 } });
    const session = await makeSession(daemon.client, { templateId });
    const afterStart = (await daemon.client.ledgerHead()).position;
    await daemon.client.changeSettings(templateId, { limits: { cpu_ms: 2000 } });
    await daemon.client.closeSession(session.id);

    const thenState = await runCliJson<StateAt>(['audit', 'state', templateId, '--at', String(afterStart)], daemon.url);
    assert.equal(thenState.kind, 'template');
    assert.equal((thenState.state.settings as any).limits.cpu_ms, 1000, 'the template as the session saw it');
    assert.deepEqual(thenState.state.settings, (await daemon.client.sessionStory(session.id)).template.settings);
    const now = await runCliJson<StateAt>(['audit', 'state', `template-${templateId}`], daemon.url);
    assert.equal((now.state.settings as any).limits.cpu_ms, 2000);

    const sessionThen = await runCliJson<StateAt>(['audit', 'state', session.id, '--at', String(afterStart)], daemon.url);
    assert.deepEqual([sessionThen.kind, sessionThen.state.status], ['session', 'ready']);
    const closedAt = (await daemon.client.getSession(session.id)).closed_at!;
    const byTime = await runCliJson<StateAt>(['audit', 'state', session.id, '--at', closedAt], daemon.url);
    assert.equal(byTime.state.status, 'closed');
    const before = await runCliJson<StateAt>(['audit', 'state', session.id, '--at', '1'], daemon.url);
    assert.deepEqual([before.seq, before.state.status], [0, 'absent']);
    const human = await daemon.cli('audit', 'state', session.id, '--at', String(afterStart));
    assert.match(human.stdout, new RegExp(`^session-${session.id} at position ${afterStart}: seq 2 `));

    const unknown = await rawRequest(daemon.url, 'GET', '/audit/state/00000000-0000-4000-8000-000000000000');
    assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'STREAM_NOT_FOUND']);
    const badAt = await daemon.cli('audit', 'state', templateId, '--at', 'yesterday-ish');
    assert.match(badAt.stderr, /VALIDATION_ERROR: --at must be a ledger position or a timestamp/);
    for (const [path, field] of [
      [`/audit/state/${templateId}?at=yesterday-ish`, 'at'],
      [`/audit/state/${templateId}?at=2026-01-01T00:00:00Z&at_position=3`, 'at'],
      [`/audit/state/${templateId}?at_position=-1`, 'at_position'],
      ['/audit/state/not-an-id', 'id'],
      ['/ledger/events?type=Bad%20Type', 'type'],
    ]) {
      const bad = await rawRequest(daemon.url, 'GET', path);
      assert.deepEqual([bad.status, bad.json.error.code, bad.json.error.details?.field], [400, 'VALIDATION_ERROR', field], path);
    }
  });

  test('audit session tells the whole story: snapshot, startup, executions with events, the end', async () => {
    const templateId = await makeTemplate(daemon.client);
    await daemon.client.addStartupFile(templateId, { path: 'boot.js' });
    const worktree = makeWorktree({ 'boot.js': "console.log('booted')" });
    const session = await daemon.client.createSession({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: worktree });
    const run = await daemon.client.repl(session.id, "console.log('hello story'); 40 + 2");
    await daemon.client.closeSession(session.id);

    const story = await runCliJson<SessionStory>(['audit', 'session', session.id], daemon.url);
    assert.equal(story.template.template_id, templateId);
    assert.deepEqual(
      story.events.map((e) => e.type),
      ['SessionStarted', 'ExecutionStarted', 'ExecutionFinished', 'SessionReady', 'ExecutionStarted', 'ExecutionFinished', 'SessionClosed'],
    );
    assert.deepEqual(
      story.executions.map((e) => e.kind),
      ['startup', 'repl'],
    );
    assert.deepEqual(story.executions[1].events, run.events);
    const human = await daemon.cli('audit', 'session', session.id);
    const text = human.stdout;
    for (const fragment of ['console: {"level":"log","text":"booted"}', 'console: {"level":"log","text":"hello story"}', 'SessionClosed', 'closed by user']) {
      assert.ok(text.includes(fragment), `${fragment} in:\n${text}`);
    }
    assert.ok(text.indexOf('booted') < text.indexOf('hello story') && text.indexOf('hello story') < text.indexOf('SessionClosed'), 'in order');
    const unknown = await daemon.cli('audit', 'session', '00000000-0000-4000-8000-000000000000');
    assert.match(unknown.stderr, /SESSION_NOT_FOUND/);
  });

  test('export → import into an empty database → export is byte-identical; the imported daemon answers the same', async () => {
    const session = await makeSession(daemon.client);
    await daemon.client.repl(session.id, "console.log('exported'); ({ a: [1, 'two', null] })");
    const dir = tempDir();
    const first = await runCli(['audit', 'export'], { serverUrl: daemon.url });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /exported: [\d,]+ events in/);
    const file = join(dir, 'ledger.ndjson');
    writeFileSync(file, first.stdout);
    const head = await daemon.client.ledgerHead();
    assert.equal(first.stdout.trim().split('\n').length, head.position);

    const copy = await startDaemon();
    try {
      const imported = await runCliJson<{ events: number; head_position: number; head_hash: string }>(['audit', 'import', file], copy.url);
      assert.deepEqual(imported, { events: head.position, head_position: head.position, head_hash: head.hash });
      const second = await runCli(['audit', 'export'], { serverUrl: copy.url });
      assert.ok(first.stdout === second.stdout, 'byte-identical');
      assert.deepEqual(await copy.client.listTemplates(), await daemon.client.listTemplates());
      assert.deepEqual(await copy.client.getSession(session.id), await daemon.client.getSession(session.id));
      const again = await copy.cli('audit', 'import', file);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /LEDGER_NOT_EMPTY/);
    } finally {
      await copy.stop();
    }

    const lines = first.stdout.trim().split('\n');
    const tampered = JSON.parse(lines[2]);
    tampered.data = { ...tampered.data, injected: true };
    lines[2] = JSON.stringify(tampered);
    const bad = join(dir, 'tampered.ndjson');
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const empty = await startDaemon();
    try {
      const refused = await rawRequest(empty.url, 'POST', '/ledger/import', readFileSync(bad, 'utf8'), { 'content-type': 'application/x-ndjson' });
      assert.equal(refused.status, 422);
      assert.equal(refused.json.error.code, 'IMPORT_REJECTED');
      assert.deepEqual([refused.json.error.details.line, refused.json.error.details.position], [3, 3]);
      assert.equal((await empty.client.ledgerHead()).position, 0, 'all or nothing');
      const notNdjson = await rawRequest(empty.url, 'POST', '/ledger/import', '{}');
      assert.deepEqual([notNdjson.status, notNdjson.json.error.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
    } finally {
      await empty.stop();
    }
  });

  test('ops projections shows checkpoints at the head; ops rebuild-projections proves the rebuild equal, with progress', async () => {
    const session = await makeSession(daemon.client);
    await daemon.client.repl(session.id, '1 + 1');
    const head = await daemon.client.ledgerHead();
    const status = await runCliJson<{ name: string; checkpoint: number; lag_events: number }[]>(['ops', 'projections'], daemon.url);
    assert.deepEqual(
      status.map((p) => [p.name, p.checkpoint, p.lag_events]),
      [
        ['templates', head.position, 0],
        ['sessions', head.position, 0],
        ['executions', head.position, 0],
        ['tokens', head.position, 0],
      ],
    );
    const before = [await daemon.client.listTemplates(), await daemon.client.listSessions(), await daemon.client.listExecutions(session.id)];
    const human = await daemon.cli('ops', 'rebuild-projections');
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`^Rebuilt from ${head.position} events \\(to position ${head.position}\\) in \\d+ ms, \\d+ events/s`));
    assert.match(human.stdout, /Every rebuilt read model equals the one it replaced\./);
    const lines = await ndjsonLines(daemon.url, '/ops/rebuild-projections?progress=true');
    assert.deepEqual(lines[0], { progress: { position: head.position, head: head.position } });
    assert.equal(lines.at(-1).report.position, head.position);
    const report = await runCliJson<{ events: number; projections: { name: string; equal: boolean; rows: number }[] }>(['ops', 'rebuild-projections'], daemon.url);
    assert.ok(report.projections.every((p) => p.equal));
    assert.equal(report.projections.find((p) => p.name === 'executions')!.rows >= 1, true);
    assert.deepEqual([await daemon.client.listTemplates(), await daemon.client.listSessions(), await daemon.client.listExecutions(session.id)], before);
  });
});
