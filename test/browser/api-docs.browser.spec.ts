import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, Page } from 'playwright-core';
import { routes } from '@vm-system/contract';
import { TestDaemon, startDaemon } from '../support/daemon';
import { launchChromium, openDashboard } from './support/browser';

const OPERATIONS = Object.keys(routes).length;

/** The page as a browser gets it, with every request it made and what the console said. */
async function openDocs(browser: Browser, url: string) {
  const docs = await openDashboard(browser);
  const consoleErrors: string[] = [];
  docs.page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await docs.page.goto(`${url}/api/docs`);
  return { ...docs, consoleErrors };
}

const operations = (page: Page) => page.locator('#swagger-ui .opblock');

/** Opens one operation, runs it with "Try it out", and answers the status Swagger UI shows. */
async function tryOut(page: Page, tag: string, operationId: string): Promise<string> {
  const operation = page.locator(`#operations-${tag}-${operationId}`);
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();
  return (await operation.locator('.live-responses-table tbody .response-col_status').first().innerText()).trim();
}

describe('GET /api/docs: Swagger UI over the daemon’s own document, from the daemon alone', () => {
  let daemon: TestDaemon;
  let browser: Browser;
  before(async () => {
    daemon = await startDaemon();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  test('the page and its files: same-origin, a strict CSP, unknown files left to the 404 envelope', async () => {
    const page = await fetch(`${daemon.url}/api/docs`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self';/);
    assert.ok(page.headers.get('x-request-id'));
    const html = await page.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(references.length >= 4);
    for (const reference of references) {
      assert.match(reference, /^\/api\/docs\//, 'only the daemon’s own files');
      const file = await fetch(daemon.url + reference);
      assert.equal(file.status, 200, reference);
    }
    for (const path of ['/api/docs/index.html', '/api/docs/../../package.json', '/api/docs/swagger-initializer.js']) {
      const missing = await fetch(daemon.url + path);
      assert.equal(missing.status, 404, path);
      assert.deepEqual(await missing.json(), { error: { code: 'NOT_FOUND', message: 'Route not found' } });
    }
  });

  test('renders every operation of the document; nothing is fetched from elsewhere; "Try it out" calls the API', async () => {
    const { page, requests, pageErrors, consoleErrors } = await openDocs(browser, daemon.url);
    await page.locator('#swagger-ui .info .title', { hasText: 'vm-system' }).waitFor();
    await operations(page)
      .nth(OPERATIONS - 1)
      .waitFor();
    assert.equal(await operations(page).count(), OPERATIONS);
    assert.equal(await tryOut(page, 'health', 'health'), '200');
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(`${daemon.url}/`)),
      [],
      'every request went to the daemon',
    );
    assert.ok(requests.includes(`${daemon.url}/api/v1/openapi.json`));
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, [], 'no CSP violation, no failed load');
    await page.context().close();
  });
});

describe('GET /api/docs with auth on', () => {
  let daemon: TestDaemon;
  let browser: Browser;
  before(async () => {
    daemon = await startDaemon({ auth: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  test('the page is open, the document is not: it asks for a token, then renders, and "Try it out" sends the token', async () => {
    const { page, requests } = await openDocs(browser, daemon.url);
    const form = page.locator('form[aria-label="sign in"]');
    await form.locator('text=requires an access token with the read scope').waitFor();
    assert.equal(await operations(page).count(), 0);

    const documentRequest = page.waitForRequest((request) => request.url().endsWith('/api/v1/openapi.json') && request.headers().authorization !== undefined);
    await form.locator('input[name="token"]').fill(daemon.adminToken);
    await form.locator('button[type="submit"]').click();
    assert.equal((await documentRequest).headers().authorization, `Bearer ${daemon.adminToken}`);
    await operations(page)
      .nth(OPERATIONS - 1)
      .waitFor();
    assert.equal(await form.isVisible(), false);
    assert.equal(await page.evaluate<string | null>("sessionStorage.getItem('vm-system.token')"), daemon.adminToken, 'the dashboard’s own key: one sign-in serves both');

    const listed = page.waitForRequest((request) => request.url().endsWith('/api/v1/templates') && request.method() === 'GET');
    assert.equal(await tryOut(page, 'templates', 'listTemplates'), '200');
    assert.equal((await listed).headers().authorization, `Bearer ${daemon.adminToken}`);
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(`${daemon.url}/`)),
      [],
    );
    await page.context().close();
  });
});
