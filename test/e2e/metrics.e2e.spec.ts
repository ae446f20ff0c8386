import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, waitFor } from '../support/fixtures';
import { plainRequest } from '../support/http';

/** Every sample of a Prometheus text scrape, keyed `name{labels}` as printed. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    found.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return found;
}

async function scrape(url: string, headers: Record<string, string> = {}, path = '/metrics'): Promise<Map<string, number>> {
  const answer = await fetch(`${url}${path}`, { headers });
  const text = await answer.text();
  assert.equal(answer.status, 200, text);
  assert.match(String(answer.headers.get('content-type')), /^text\/plain;.*version=0\.0\.4/);
  return samples(text);
}

const delta = (before: Map<string, number>, after: Map<string, number>, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);

describe('GET /metrics: Prometheus metrics of the daemon', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });

  test('executions, restores, ledger appends and HTTP requests move by what was done; gauges read the projections', async () => {
    const session = await makeSession(daemon.client);
    const head = (await daemon.client.ledgerHead()).position;
    const start = await scrape(daemon.url);
    await daemon.client.repl(session.id, 'let keep = 41');
    await daemon.client.repl(session.id, 'throw new Error("no")');
    await daemon.client.suspendSession(session.id);
    await daemon.client.resumeSession(session.id);
    const end = await scrape(daemon.url);
    const appended = (await daemon.client.ledgerHead()).position - head;

    assert.equal(delta(start, end, 'vm_system_executions_total{kind="repl",status="ok"}'), 1);
    assert.equal(delta(start, end, 'vm_system_executions_total{kind="repl",status="error"}'), 1);
    assert.equal(delta(start, end, 'vm_system_execution_duration_seconds_count{kind="repl"}'), 2);
    assert.equal(delta(start, end, 'vm_system_session_restores_total{reason="resume"}'), 1);
    assert.equal(delta(start, end, 'vm_system_ledger_events_total'), appended);
    const appends = delta(start, end, 'vm_system_ledger_appends_total');
    // Two REPLs (one commit each, two if one outlived its first output window), a suspend, a resume.
    assert.ok(appends >= 4 && appends < appended, `${appends} appends for ${appended} events`);
    // Every answer above waited for a sync covering what it showed; a sync may cover several commits.
    const syncs = delta(start, end, 'vm_system_ledger_sync_duration_seconds_count');
    assert.ok(syncs >= 1 && syncs <= appends + 1, `${syncs} syncs for ${appends} appends`);
    assert.equal(delta(start, end, 'vm_system_ledger_append_duration_seconds_count'), appends);
    assert.equal(delta(start, end, 'vm_system_http_requests_total{method="POST",route="/api/v1/executions/repl",status="201"}'), 2);
    assert.equal(delta(start, end, 'vm_system_http_requests_total{method="GET",route="/metrics",status="200"}'), 1);

    for (const status of ['ready', 'suspended', 'closed']) {
      assert.equal(end.get(`vm_system_sessions{status="${status}"}`), (await daemon.client.listSessions(status)).length, status);
    }
    assert.equal(end.get('vm_system_session_hosts{state="live"}'), (await daemon.client.runtimeSummary()).active_sessions);
    assert.ok((end.get('process_cpu_user_seconds_total') ?? 0) > 0, "prom-client's process metrics are there");
  });

  test('a route is counted by its pattern, and a path no route has as "other"', async () => {
    const start = await scrape(daemon.url);
    for (const id of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']) {
      assert.equal((await plainRequest(daemon.url, 'GET', `/sessions/${id}`)).status, 404);
    }
    assert.equal((await plainRequest(daemon.url, 'GET', '/nothing-here')).status, 404);
    const end = await scrape(daemon.url);
    assert.equal(delta(start, end, 'vm_system_http_requests_total{method="GET",route="/api/v1/sessions/:id",status="404"}'), 2);
    assert.equal(delta(start, end, 'vm_system_http_requests_total{method="GET",route="other",status="404"}'), 1);
    assert.ok(![...end.keys()].some((key) => key.includes('00000000-0000-4000')), 'no raw id in a label');
  });
});

describe('GET /metrics with auth on', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon({ auth: true });
  });
  after(async () => {
    await daemon.stop();
  });

  test('401 without a token, however the path is spelt; the metrics with a read token, however spelt (never the dashboard page)', async () => {
    for (const path of ['/metrics', '/metrics/', '/METRICS', '/Metrics']) {
      const refused = await fetch(`${daemon.url}${path}`);
      assert.equal(refused.status, 401, path);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'UNAUTHENTICATED', path);
    }
    const { token } = await daemon.client.createToken({ name: 'scraper', scopes: ['read'] });
    for (const path of ['/metrics', '/metrics/', '/METRICS', '/Metrics/']) {
      const metrics = await scrape(daemon.url, { authorization: `Bearer ${token}` }, path);
      assert.ok(metrics.has('vm_system_ledger_events_total'), path);
    }
  });
});

describe('GET /metrics after a restart on the same database', () => {
  test('gauges read the projections a previous process left; an execution it left running is counted by its kind when recovery ends it', async (t) => {
    const first = await startDaemon();
    t.after(() => first.kill());
    const templateId = await makeTemplate(first.client, { limits: { cpu_ms: 60000, wall_ms: 60000 } });
    const idle = await makeSession(first.client, { templateId });
    await first.client.repl(idle.id, 'globalThis.kept = 7');
    const busy = await makeSession(first.client, { templateId });
    void first.client.repl(busy.id, 'for (;;) {}').catch(() => undefined);
    await waitFor(async () => (await first.client.listExecutions(busy.id)).find((e) => e.status === 'running'), 'the spin to start');
    await first.kill();

    const second = await startDaemon({ dbFile: first.dbFile });
    try {
      const recovered = await scrape(second.url);
      assert.equal(recovered.get('vm_system_sessions{status="suspended"}'), 2);
      assert.equal(recovered.get('vm_system_sessions{status="ready"}'), 0);
      assert.equal(recovered.get('vm_system_session_hosts{state="live"}'), 0);
      assert.equal(recovered.get('vm_system_executions_total{kind="repl",status="error"}'), 1, 'the spin, ended by recovery');
      assert.ok(![...recovered.keys()].some((key) => key.startsWith('vm_system_executions_total{kind="unknown"')), 'no execution of unknown kind');

      assert.equal((await second.client.repl(idle.id, 'kept')).result!.json, 7);
      const resumed = await scrape(second.url);
      assert.equal(delta(recovered, resumed, 'vm_system_session_restores_total{reason="resume"}'), 1);
      assert.equal(resumed.get('vm_system_sessions{status="ready"}'), 1);
      assert.equal(resumed.get('vm_system_sessions{status="suspended"}'), 1);
      assert.equal(resumed.get('vm_system_session_hosts{state="live"}'), 1);
    } finally {
      await second.stop();
    }
  });
});
