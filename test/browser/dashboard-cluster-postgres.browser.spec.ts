import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser } from 'playwright-core';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession } from '../support/fixtures';
import { createTestPostgresDatabase, dropTestPostgresDatabase } from '../support/postgres';
import { launchChromium, openDashboard } from './support/browser';

describe('the Cluster page, on two daemons sharing a PostgreSQL ledger', () => {
  let url: string;
  let a: TestDaemon;
  let b: TestDaemon;
  let browser: Browser;
  const serveOn = (nodeId: string) => startDaemon({ dbFile: url, extraArgs: ['--node-id', nodeId] });
  before(async () => {
    url = await createTestPostgresDatabase();
    [a, b] = await Promise.all([serveOn('dash-a'), serveOn('dash-b')]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await a?.stop();
    await b?.stop();
    if (url) await dropTestPostgresDatabase(url);
  });

  test("either daemon's page lists both nodes, live, each with the sessions it hosts", async () => {
    const session = await makeSession(b.client);
    const { page, pageErrors } = await openDashboard(browser);
    await page.goto(a.url + '/cluster');
    const rows = page.locator('[data-testid="nodes"] tbody tr');
    await page.locator('[data-testid="node-counts"]', { hasText: '2 live, 0 expired' }).waitFor();
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-node'))), ['dash-a', 'dash-b']);
    const nodeA = page.locator('tr[data-node="dash-a"]');
    const nodeB = page.locator('tr[data-node="dash-b"]');
    for (const [row, daemon] of [
      [nodeA, a],
      [nodeB, b],
    ] as const) {
      assert.equal(await row.locator('.badge').getAttribute('data-status'), 'live');
      assert.equal(await row.locator('td').last().innerText(), daemon.url);
    }
    // The session was started on b, so b hosts it; the page served by a says so.
    assert.equal(await nodeA.locator('[data-testid="live-sessions"]').innerText(), '0');
    assert.equal(await nodeB.locator('[data-testid="live-sessions"]').innerText(), '1');
    assert.equal(await nodeA.locator('[data-testid="this-node"]').count(), 1);
    assert.equal(await nodeB.locator('[data-testid="this-node"]').count(), 0);

    // A clean stop ends b's lease at once: the page (still served by a) shows it expired.
    await b.client.closeSession(session.id);
    await b.stop();
    await nodeB.locator('.badge[data-status="expired"]').waitFor();
    await page.locator('[data-testid="node-counts"]', { hasText: '1 live, 1 expired' }).waitFor();
    assert.equal(await nodeA.locator('.badge').getAttribute('data-status'), 'live');
    assert.deepEqual(pageErrors, []);
  });
});
