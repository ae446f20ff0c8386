import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser } from 'playwright-core';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession } from '../support/fixtures';
import { DashboardPage, launchChromium, openDashboard, signIn, WITH_AUTH } from './support/browser';

describe('the Cluster page, on one SQLite daemon', () => {
  const nodeId = `dash-node-${process.pid}`;
  let daemon: TestDaemon;
  let browser: Browser;
  before(async () => {
    daemon = await startDaemon({ ...WITH_AUTH, extraArgs: [...WITH_AUTH.extraArgs, '--node-id', nodeId] });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  test('lists the daemon by its --node-id, live, and follows its live sessions count', async () => {
    const { page, pageErrors }: DashboardPage = await openDashboard(browser);
    await page.goto(daemon.url + '/');
    await signIn(page, daemon.adminToken);
    await page.click('nav[aria-label="main"] >> text=Cluster');
    await page.waitForURL(/\/cluster$/);
    assert.equal(await page.locator('nav[aria-label="main"] a[aria-current="page"]').innerText(), 'Cluster');

    const row = page.locator(`[data-testid="nodes"] tr[data-node="${nodeId}"]`);
    await row.waitFor();
    assert.equal(await page.locator('[data-testid="nodes"] tbody tr').count(), 1, 'SQLite: the one daemon');
    assert.equal(await row.locator('.badge').getAttribute('data-status'), 'live');
    assert.equal(await row.locator('[data-testid="live-sessions"]').innerText(), '0');
    assert.equal(await row.locator('td').last().innerText(), daemon.url);
    // Opened at its advertised URL, so the page knows which daemon answers it.
    await row.locator('[data-testid="this-node"]').waitFor();
    const [node] = await daemon.client.clusterNodes();
    assert.ok(Date.parse((await row.locator('[data-lease-expires]').getAttribute('data-lease-expires'))!) > 0);
    assert.equal(node.node_id, nodeId);

    // The page refreshes itself: a session started meanwhile shows without a click.
    const session = await makeSession(daemon.client);
    assert.equal((await daemon.client.clusterNodes())[0].live_sessions, 1);
    await row.locator('[data-testid="live-sessions"]', { hasText: /^1$/ }).waitFor();

    // And on demand: a closed session is no longer hosted.
    await daemon.client.closeSession(session.id);
    assert.equal((await daemon.client.clusterNodes())[0].live_sessions, 0);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await row.locator('[data-testid="live-sessions"]', { hasText: /^0$/ }).waitFor();
    await page.locator('[data-testid="node-counts"]', { hasText: '1 live, 0 expired' }).waitFor();

    // A bookmarked /cluster loads as it is.
    await page.reload();
    await row.locator('.badge[data-status="live"]').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
