import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Browser, Page } from 'playwright-core';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, makeWorktree, waitFor } from '../support/fixtures';
import { DashboardPage, launchChromium, openDashboard, signIn, WITH_AUTH } from './support/browser';

describe('dashboard in Chromium, signed in to a daemon with token auth', () => {
  let daemon: TestDaemon;
  let browser: Browser;
  const opened: DashboardPage[] = [];
  before(async () => {
    daemon = await startDaemon(WITH_AUTH);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  const open = async (path: string, options?: Parameters<typeof openDashboard>[1]) => {
    const dashboard = await openDashboard(browser, options);
    opened.push(dashboard);
    await dashboard.page.goto(daemon.url + path);
    // The daemon wants a token: the page asks for one, as it would a person.
    await signIn(dashboard.page, daemon.adminToken);
    return dashboard;
  };
  const text = (page: Page, selector: string, hasText: string | RegExp) => page.locator(selector).filter({ hasText }).first().waitFor();

  test('create a template and a session, run a REPL snippet, see its console line and value, open its timeline', async () => {
    const { page, pageErrors } = await open('/templates');
    const name = `ui-${process.pid}`;
    await page.fill('form[aria-label="new template"] input[name="name"]', name);
    await page.click('text=Create template');
    await text(page, '[data-testid="template-name"]', name);
    const templateId = /\/templates\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    assert.ok(templateId, `on the template page: ${page.url()}`);
    assert.equal((await daemon.client.getTemplate(templateId)).template.name, name);

    await page.selectOption('form[aria-label="add modules"] select', 'fs');
    await page.click('text=Add module');
    await text(page, '[data-testid="modules"]', 'fs');
    await text(page, '[data-testid="ledger-rows"] tr', 'ModuleAdded');

    const worktree = makeWorktree({ 'notes.txt': 'from the worktree' });
    await page.fill('form[aria-label="new session"] input[name="worktree_path"]', worktree);
    await page.click('text=Start session');
    await text(page, 'h1 .badge', 'ready');
    const sessionId = /\/sessions\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    assert.ok(sessionId, `on the session page: ${page.url()}`);
    assert.equal((await daemon.client.getSession(sessionId)).worktree_path, worktree);
    // The whole snapshot sits in a closed <details>: in the page, not shown.
    await page.locator('[data-testid="snapshot"]', { hasText: `"name": "${name}"` }).waitFor({ state: 'attached' });
    assert.match((await page.locator('[data-testid="snapshot"]').textContent()) ?? '', /"modules": \[\s*"fs"\s*\]/);

    await page.fill('form[aria-label="repl"] textarea', 'console.log("hello from the REPL", require("fs").readFileSync("notes.txt")); 6 * 7');
    await page.click('form[aria-label="repl"] button[type="submit"]');
    await text(page, '.run .ev-console', 'hello from the REPL from the worktree');
    await text(page, '.run .ev-value', '42');
    await text(page, '.run .badge', 'ok');
    await page.locator('.run [data-follow="done"]').waitFor();

    const [execution] = await daemon.client.listExecutions(sessionId);
    assert.equal(execution.kind, 'repl');
    assert.equal(execution.result!.json, 42);
    // The session's executions table refreshes when the run ends.
    await page.locator(`[data-testid="executions"] tr[data-execution="${execution.id}"]`).waitFor();

    await page.click(`.run a[href="/executions/${execution.id}"]`);
    await text(page, '[data-testid="result"]', '42');
    const types = await page.locator('.timeline .ev').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')));
    assert.deepEqual(types, ['input_echo', 'console', 'value']);
    assert.deepEqual(pageErrors, []);
  });

  test('the REPL box starts a snippet without waiting and shows its events while it runs', async () => {
    const templateId = await makeTemplate(daemon.client, { limits: { cpu_ms: 60_000, wall_ms: 60_000 } });
    await daemon.client.addModule(templateId, 'fs');
    const session = await makeSession(daemon.client, { templateId });
    const { page } = await open(`/sessions/${session.id}`);
    await page.fill('form[aria-label="repl"] textarea', 'console.log("started"); while (!require("fs").existsSync("go")) {} console.warn("released"); 40 + 2');
    await page.press('form[aria-label="repl"] textarea', 'Control+Enter');
    const run = page.locator('.run').first();
    await run.locator('.ev-console', { hasText: 'started' }).waitFor();
    await run.locator('.badge', { hasText: 'running' }).waitFor();
    await run.locator('[data-follow="live"]').waitFor();
    const executionId = await run.getAttribute('data-execution');
    assert.equal((await daemon.client.getExecution(executionId!)).status, 'running');

    // The session is busy meanwhile, and the box says so.
    await page.fill('form[aria-label="repl"] textarea', '1');
    await page.click('form[aria-label="repl"] button[type="submit"]');
    await page.locator('#repl .note.error', { hasText: 'SESSION_BUSY' }).waitFor();

    writeFileSync(join(session.worktree, 'go'), '');
    await run.locator('.ev.level-warn', { hasText: 'released' }).waitFor();
    await run.locator('.ev-value', { hasText: '42' }).waitFor();
    await run.locator('.badge', { hasText: 'ok' }).waitFor();
    await run.locator('[data-follow="done"]').waitFor();
    const types = await run.locator('.timeline .ev').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')));
    assert.deepEqual(types, ['input_echo', 'console', 'console', 'value'], 'each event once, in order');
    await page.locator(`[data-testid="executions"] tr[data-execution="${executionId}"] .badge`, { hasText: 'ok' }).waitFor();
  });

  test('the execution timeline shows console levels, values and exceptions with their stacks', async () => {
    const session = await makeSession(daemon.client);
    const run = await daemon.client.repl(
      session.id,
      'console.info("for your info"); console.warn("careful", { n: 1 }); console.error("bad"); function deep() { throw new Error("boom") } deep()',
    );
    assert.equal(run.status, 'error');
    const { page } = await open(`/executions/${run.id}`);
    await text(page, '.ev.level-info', 'for your info');
    await text(page, '.ev.level-warn', 'careful { n: 1 }');
    await text(page, '.ev.level-error', 'bad');
    const exception = page.locator('.timeline .ev-exception');
    await exception.filter({ hasText: 'Error: boom' }).waitFor();
    await exception.locator('summary', { hasText: 'stack' }).click();
    const stack = (run.error as { stack: string }).stack;
    assert.match(stack, /deep/);
    assert.equal(await exception.locator('pre.stacktrace').innerText(), stack);
    await text(page, 'h1 .badge', 'error');
  });

  test('an execution page follows a running execution live until it ends', async () => {
    const templateId = await makeTemplate(daemon.client, { limits: { cpu_ms: 60_000, wall_ms: 60_000 } });
    await daemon.client.addModule(templateId, 'fs');
    const session = await makeSession(daemon.client, { templateId });
    // The code waits for a file the test writes once the page shows the first line: a
    // handshake through the worktree, so "live" is seen while the execution runs.
    const running = daemon.client.repl(session.id, 'console.log("waiting for go"); while (!require("fs").existsSync("go")) {} console.log("got go"); "done"');
    const executionId = await waitFor(async () => (await daemon.client.listExecutions(session.id)).find((e) => e.status === 'running')?.id, 'the running execution');

    const { page } = await open(`/executions/${executionId}`);
    await text(page, '.ev-console', 'waiting for go');
    await text(page, 'h1 .badge', 'running');
    // Over the daemon's event stream (follow=true), not the polling fallback.
    await page.locator('h1 [data-follow="live"]').waitFor();
    assert.equal(await page.locator('.ev-console', { hasText: 'got go' }).count(), 0);

    writeFileSync(join(session.worktree, 'go'), '');
    await text(page, '.ev-console', 'got go');
    await text(page, '.ev-value', "'done'");
    await text(page, 'h1 .badge', 'ok');
    await page.locator('h1 [data-follow="done"]').waitFor();
    assert.equal((await running).status, 'ok');
    const seqs = await page.locator('.timeline .ev').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));
    assert.deepEqual(seqs, [1, 2, 3, 4], 'each event once, in order');
  });

  test('the ledger pages by cursor, filters by stream kind and type, and follows new events', async () => {
    const session = await makeSession(daemon.client);
    await daemon.client.repl(session.id, 'for (let i = 0; i < 40; i++) console.log(i)');
    const { page } = await open('/ledger?limit=20');
    await text(page, '[data-testid="page-range"]', 'positions 1–20');
    await page.click('nav[aria-label="ledger pages"] >> text=Next');
    await text(page, '[data-testid="page-range"]', 'positions 21–40');
    assert.match(page.url(), /after=20/);
    assert.equal(await page.locator('[data-testid="ledger-rows"] tbody tr').count(), 20);
    await page.click('nav[aria-label="ledger pages"] >> text=Previous');
    await text(page, '[data-testid="page-range"]', 'positions 1–20');

    await page.selectOption('select[name="stream_kind"]', 'template');
    await page.selectOption('select[name="type"]', 'TemplateCreated');
    await page.locator('[data-testid="ledger-rows"] tbody tr').first().waitFor();
    const types = await page.locator('[data-testid="ledger-rows"] tbody tr td:nth-child(4)').allInnerTexts();
    assert.ok(types.length > 0);
    assert.deepEqual(new Set(types), new Set(['TemplateCreated']));
    const streams = await page.locator('[data-testid="ledger-rows"] tbody tr td:nth-child(2)').allInnerTexts();
    assert.ok(
      streams.every((s) => s.startsWith('template-')),
      streams.join(),
    );

    await page.selectOption('select[name="stream_kind"]', '');
    await page.waitForURL((url) => !url.search.includes('stream_kind'));
    // Following jumps to the last page first (the checkbox is ticked once it got there).
    await page.click('input[name="follow"]');
    await page.waitForURL(/follow=1/);
    await page.locator('form[aria-label="ledger filters"] [data-follow="live"]').waitFor();
    const { id } = await daemon.client.createTemplate({ name: `followed-${process.pid}` });
    await page.locator(`[data-testid="ledger-rows"] a[href="/templates/${id}"]`).waitFor();
    const row = page.locator('[data-testid="ledger-rows"] tbody tr').last();
    assert.equal(await row.locator('td:nth-child(4)').innerText(), 'TemplateCreated');
  });

  test('the overview counts what the projections hold; no request leaves the daemon', async () => {
    const session = await makeSession(daemon.client);
    await daemon.client.repl(session.id, '1 + 1');
    const { page, requests, pageErrors } = await open('/');
    const templates = await daemon.client.listTemplates();
    await text(page, '[data-testid="template-count"]', String(templates.length));
    const ready = (await daemon.client.listSessions('ready')).length;
    await text(page, '[data-testid="session-counts"] [data-count="ready"]', String(ready));
    const okCount = Number(await page.locator('[data-testid="execution-counts"] [data-count="ok"]').innerText());
    assert.ok(okCount >= 1, `ok executions in the last hour: ${okCount}`);
    const head = await daemon.client.ledgerHead();
    const shownHead = Number(await page.locator('[data-testid="ledger-head"]').innerText());
    assert.ok(shownHead >= head.position, `head ${shownHead} (at least ${head.position})`);
    // Every read model the daemon has (tokens, with auth on, among them).
    const names = (await daemon.client.projections()).map((p) => p.name).sort();
    assert.ok(names.includes('sessions'), names.join());
    await page
      .locator('[data-testid="projections"] tbody tr')
      .nth(names.length - 1)
      .waitFor();
    const projections = await page.locator('[data-testid="projections"] tbody tr td:first-child').allInnerTexts();
    assert.deepEqual(projections.sort(), names);
    for (const cell of await page.locator('[data-testid="projections"] tbody td.num').allInnerTexts()) assert.match(cell, /^\d+$/);
    await page.click('nav[aria-label="main"] >> text=Sessions');
    await page.locator(`[data-testid="sessions"] tr[data-session="${session.id}"]`).waitFor();
    await page.selectOption('select[name="status"]', 'closed');
    await page.waitForURL(/status=closed/);
    const foreign = [...requests, ...opened.flatMap((d) => d.requests)].filter((url) => !url.startsWith(daemon.url + '/'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(pageErrors, []);
  });

  test('pages fit 1280×800 and a narrow window, in light and dark', async () => {
    const session = await makeSession(daemon.client);
    await daemon.client.addModule(session.template_id, 'fs');
    const run = await daemon.client.repl(session.id, 'console.log("narrow"); ({ a: 1, b: [1, 2, 3] })');
    const paths = ['/', '/templates', `/templates/${session.template_id}`, '/sessions', `/sessions/${session.id}`, `/executions/${run.id}`, '/ledger', '/cluster'];
    for (const [width, colorScheme, background] of [
      [1280, 'light', 'rgb(246, 247, 249)'],
      [390, 'dark', 'rgb(13, 17, 23)'],
    ] as const) {
      const { page } = await open('/', { width, height: 800, colorScheme });
      for (const path of paths) {
        await page.goto(daemon.url + path);
        await page.locator('main .card').first().waitFor();
        await page.waitForFunction('!document.querySelector("main").innerText.includes("Loading…")');
        // Evaluated in the page, where the DOM is.
        const shown = await page.evaluate<{ scrollWidth: number; innerWidth: number; background: string }>(
          '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, background: getComputedStyle(document.body).backgroundColor })',
        );
        assert.ok(shown.scrollWidth <= shown.innerWidth, `${path} is ${shown.scrollWidth}px wide in a ${shown.innerWidth}px window`);
        assert.equal(shown.background, background, `${path} uses the ${colorScheme} palette`);
      }
    }
  });
});
