import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, Locator, Page } from 'playwright-core';
import type { VmSystemClient } from '@vm-system/client';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession } from '../support/fixtures';
import { DashboardPage, launchChromium, openDashboard, signIn, WITH_AUTH } from './support/browser';

// The durable-session actions the dashboard offers (durable-sessions.md): Cancel, Suspend,
// Resume and "Fork from here", pressed in the page against the real daemon. Each case
// defines a global first and reads it back in the page's REPL afterwards: the session's
// state is what survived.

const ROOMY = { limits: { cpu_ms: 60_000, wall_ms: 60_000 } };

async function okRun(client: VmSystemClient, sessionId: string, input: string) {
  const run = await client.repl(sessionId, input);
  assert.equal(run.status, 'ok', `${input}: ${JSON.stringify(run.error ?? run.events)}`);
  return run;
}

describe('durable-session actions in the dashboard, signed in to a daemon with token auth', () => {
  let daemon: TestDaemon;
  let browser: Browser;
  before(async () => {
    daemon = await startDaemon(WITH_AUTH);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  const open = async (path: string, token = daemon.adminToken): Promise<DashboardPage> => {
    const dashboard = await openDashboard(browser);
    await dashboard.page.goto(daemon.url + path);
    await signIn(dashboard.page, token);
    return dashboard;
  };
  const heading = (page: Page, status: string) => page.locator('h1 .badge', { hasText: status }).waitFor();
  const action = (scope: Page | Locator, name: string) => scope.locator(`[data-action="${name}"] button`);
  const executionRow = (page: Page, id: string) => page.locator(`[data-testid="executions"] tr[data-execution="${id}"]`);
  const historyRow = (page: Page, type: string, hasText: string) =>
    page
      .locator('[data-testid="ledger-rows"] tr', { has: page.locator('td code', { hasText: type }) })
      .filter({ hasText })
      .first()
      .waitFor();
  /** Runs `input` in the page's REPL and waits for its value to show. */
  const replValue = async (page: Page, input: string, value: string) => {
    await page.fill('form[aria-label="repl"] textarea', input);
    await page.click('form[aria-label="repl"] button[type="submit"]');
    const run = page.locator('.run').first();
    await run.locator('.ev-value', { hasText: value }).waitFor();
    await run.locator('.badge', { hasText: 'ok' }).waitFor();
  };

  test('Cancel on the execution page stops a running loop: cancelled, and the session keeps its globals', async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    await okRun(daemon.client, session.id, 'let keep = 41');
    const running = await daemon.client.startRepl(session.id, 'keep = 0; while (true) {}');
    assert.equal(running.status, 'running');

    const { page, pageErrors } = await open(`/executions/${running.id}`);
    await heading(page, 'running');
    await page.locator('h1 [data-follow="live"]').waitFor();
    await action(page, 'cancel').click();
    await heading(page, 'cancelled');
    await page.locator('.timeline .ev-system', { hasText: 'cancelled' }).waitFor();
    assert.equal(await action(page, 'cancel').count(), 0, 'nothing left to cancel');
    assert.equal((await daemon.client.getExecution(running.id)).status, 'cancelled');

    await page.click(`a[href="/sessions/${session.id}"]`);
    await heading(page, 'ready');
    await executionRow(page, running.id).locator('.badge', { hasText: 'cancelled' }).waitFor();
    await replValue(page, 'keep', '41');
    // The host had to go, so the session was rebuilt from its history, without the cancelled run.
    await page.locator('[data-testid="restores"]', { hasText: '1' }).waitFor();
    await historyRow(page, 'SessionRestored', 'restored (cancel)');
    await historyRow(page, 'ExecutionFinished', `${running.id.slice(0, 8)} cancelled`);
    assert.deepEqual(pageErrors, []);
  });

  test("Cancel in a session's executions list stops a never-settling await; Suspend meanwhile answers SESSION_BUSY next to the button", async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    await okRun(daemon.client, session.id, 'let keep = 41');
    const running = await daemon.client.startRepl(session.id, 'await new Promise(() => {})');

    const { page, pageErrors } = await open(`/sessions/${session.id}`);
    const row = executionRow(page, running.id);
    await row.locator('.badge', { hasText: 'running' }).waitFor();

    await action(page, 'suspend').click();
    await page.locator('[data-action="suspend"] .note.error', { hasText: 'SESSION_BUSY' }).waitFor();
    assert.equal((await daemon.client.getSession(session.id)).status, 'ready');

    await action(row, 'cancel').click();
    await row.locator('.badge', { hasText: 'cancelled' }).waitFor();
    // A finished execution is a point to fork from instead.
    await action(row, 'fork').waitFor();
    assert.equal((await daemon.client.getExecution(running.id)).status, 'cancelled');
    await replValue(page, 'keep', '41');
    assert.deepEqual(pageErrors, []);
  });

  test('Suspend and Resume on the session page; a REPL run resumes a suspended session too', async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    await okRun(daemon.client, session.id, 'let keep = 41');
    const { page, pageErrors } = await open(`/sessions/${session.id}`);
    await heading(page, 'ready');
    assert.equal(await action(page, 'resume').count(), 0, 'a ready session has nothing to resume');

    await action(page, 'suspend').click();
    await heading(page, 'suspended');
    assert.equal((await daemon.client.getSession(session.id)).status, 'suspended');
    await action(page, 'resume').waitFor();
    assert.equal(await action(page, 'suspend').count(), 0, 'a suspended session is not suspended again');
    await historyRow(page, 'SessionSuspended', 'suspended (request)');

    await action(page, 'resume').click();
    await heading(page, 'ready');
    const resumed = await daemon.client.getSession(session.id);
    assert.equal(resumed.status, 'ready');
    assert.equal(resumed.restores, 1);
    await page.locator('[data-testid="restores"]', { hasText: '1' }).waitFor();
    await historyRow(page, 'SessionRestored', 'restored (resume)');
    await replValue(page, 'keep', '41');

    await action(page, 'suspend').click();
    await heading(page, 'suspended');
    await replValue(page, 'keep + 1', '42');
    await heading(page, 'ready');
    await page.locator('[data-testid="restores"]', { hasText: '2' }).waitFor();
    assert.deepEqual(pageErrors, []);
  });

  test('"Fork from here" opens a new session with the state right after that execution, naming its origin', async () => {
    const parent = await makeSession(daemon.client, { settings: ROOMY });
    await okRun(daemon.client, parent.id, 'let x = 1');
    const second = await okRun(daemon.client, parent.id, 'x = 2');
    await okRun(daemon.client, parent.id, 'x = 3');

    const { page, pageErrors } = await open(`/sessions/${parent.id}`);
    await action(executionRow(page, second.id), 'fork').click();
    await page.waitForURL((url) => /^\/sessions\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(parent.id));
    const forkId = new URL(page.url()).pathname.split('/').pop()!;
    await heading(page, 'ready');
    const origin = page.locator('[data-testid="forked-from"]');
    await origin.locator(`a[href="/sessions/${parent.id}"]`).waitFor();
    await origin.locator(`a[href="/executions/${second.id}"]`).waitFor();
    assert.deepEqual((await daemon.client.getSession(forkId)).forked_from, { session_id: parent.id, execution_id: second.id });
    await historyRow(page, 'SessionStarted', `forked from session ${parent.id.slice(0, 8)}`);
    await historyRow(page, 'SessionRestored', 'restored (fork): 2 executions replayed');

    await replValue(page, 'x', '2');
    // The parent went on as it was.
    assert.equal((await daemon.client.repl(parent.id, 'x')).result?.json, 3);

    await page.click('nav[aria-label="main"] >> text=Sessions');
    const listed = page.locator(`[data-testid="sessions"] tr[data-session="${forkId}"]`);
    await listed.locator(`a[href="/sessions/${parent.id}"]`, { hasText: parent.id.slice(0, 8) }).waitFor();
    assert.deepEqual(pageErrors, []);
  });

  test('a read-only token sees the actions refused with 403, naming the execute scope, and nothing changes', async () => {
    const session = await makeSession(daemon.client, { settings: ROOMY });
    const run = await okRun(daemon.client, session.id, 'let keep = 41');
    const { token } = await daemon.client.createToken({ name: `reader-durable-${process.pid}`, scopes: ['read'] });
    const { page } = await open(`/sessions/${session.id}`, token);
    await heading(page, 'ready');

    await action(page, 'suspend').click();
    const suspendNote = page.locator('[data-action="suspend"] .note.error[data-required-scope="execute"]');
    await suspendNote.waitFor();
    assert.match(await suspendNote.innerText(), /needs the execute scope/);
    await action(executionRow(page, run.id), 'fork').click();
    await executionRow(page, run.id).locator('[data-action="fork"] .note.error[data-required-scope="execute"]').waitFor();

    assert.equal((await daemon.client.getSession(session.id)).status, 'ready');
    const forks = (await daemon.client.listSessions()).filter((s) => s.forked_from?.session_id === session.id);
    assert.deepEqual(forks, []);
  });

  test('the ledger filters the source and token stream kinds; a recorded source reads as text', async () => {
    const session = await makeSession(daemon.client, { files: { 'main.js': 'console.log("from a file")\n' } });
    const run = await daemon.client.runFile(session.id, 'main.js');
    assert.equal(run.status, 'ok');
    const sha = (await daemon.client.getExecution(run.id)).source_sha256;
    assert.ok(sha, 'a run_file execution records its source');

    await daemon.client.createToken({ name: `listed-${process.pid}`, scopes: ['read'] });
    const { page } = await open('/ledger?limit=500');
    await page.selectOption('select[name="stream_kind"]', 'source');
    await page.waitForURL(/stream_kind=source/);
    const row = page.locator('[data-testid="ledger-rows"] tbody tr', { hasText: `source-${sha.slice(0, 8)}` });
    await row.locator('td code', { hasText: 'SourceRecorded' }).waitFor();
    await row.locator('summary').click();
    assert.equal(await row.locator('pre.code').textContent(), 'console.log("from a file")\n');

    await page.selectOption('select[name="stream_kind"]', 'token');
    await page.waitForURL(/stream_kind=token/);
    await page.locator('[data-testid="ledger-rows"] tbody tr td code', { hasText: 'TokenIssued' }).first().waitFor();
    const types = new Set(await page.locator('[data-testid="ledger-rows"] tbody tr td:nth-child(4)').allInnerTexts());
    assert.ok(
      [...types].every((t) => t === 'TokenIssued' || t === 'TokenRevoked'),
      [...types].join(),
    );
  });
});
