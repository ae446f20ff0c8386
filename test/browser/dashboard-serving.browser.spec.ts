import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestDaemon, startDaemon } from '../support/daemon';
import { tempDir } from '../support/paths';

describe('the daemon serves the dashboard at / and the API under /api/v1', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });

  test('index.html for / and for page paths; its assets; the API keeps its JSON 404s', async () => {
    for (const path of ['/', '/sessions/0b6f5c1e-0000-4000-8000-000000000000', '/ledger?after=20']) {
      const response = await fetch(daemon.url + path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/, path);
      const html = await response.text();
      assert.match(html, /<div id="app">/, path);
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      assert.ok(asset, 'the page loads its bundle');
      const script = await fetch(daemon.url + asset);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
    }
    for (const path of ['/api/v1/nope', '/api/v1/templates/x/y/z', '/api', '/api/v2/templates', '/assets/missing.js']) {
      const response = await fetch(daemon.url + path);
      assert.equal(response.status, 404, path);
      assert.ok(response.headers.get('x-request-id'), path);
      assert.deepEqual(await response.json(), { error: { code: 'NOT_FOUND', message: 'Route not found' } }, path);
    }
    const post = await fetch(daemon.url + '/templates', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(post.status, 404, 'only GET serves pages');
  });
});

describe('a daemon without built dashboard assets', () => {
  let daemon: TestDaemon;
  before(async () => {
    process.env.VM_SYSTEM_DASHBOARD_DIR = tempDir('vm-system-no-dashboard-');
    try {
      daemon = await startDaemon();
    } finally {
      delete process.env.VM_SYSTEM_DASHBOARD_DIR;
    }
  });
  after(async () => {
    await daemon.stop();
  });

  test('serves the API only and says so in its log', async () => {
    assert.match(daemon.log(), /dashboard assets not built \(.*\); serving the API only/);
    const root = await fetch(daemon.url + '/');
    assert.equal(root.status, 404);
    assert.equal(((await root.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
    const health = await fetch(daemon.url + '/api/v1/health');
    assert.deepEqual(await health.json(), { status: 'ok' });
  });
});
