import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Browser, Page, Request } from 'playwright-core';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession } from '../support/fixtures';
import { launchChromium, openDashboard, signIn, submitToken, WITH_AUTH } from './support/browser';

const TOKEN_KEY = 'vm-system.token';
const storedToken = (page: Page) => page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(TOKEN_KEY)})`);
/** Well formed, never issued. */
const unknownToken = () => 'vms_' + randomBytes(32).toString('base64url');

describe('dashboard sign-in on a daemon with token auth', () => {
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

  /** A fresh tab (its own sessionStorage) on `path`, and every request it makes. */
  const open = async (path: string) => {
    const dashboard = await openDashboard(browser);
    const requests: Request[] = [];
    dashboard.page.on('request', (request) => requests.push(request));
    const refused = dashboard.page.waitForResponse((response) => response.url().startsWith(`${daemon.url}/api/v1/`) && response.status() === 401);
    await dashboard.page.goto(daemon.url + path);
    return { ...dashboard, requests, refused };
  };
  const signInForm = (page: Page) => page.locator('[data-testid="sign-in"]');

  test('a 401 brings up the token form; the admin token opens the overview, kept in sessionStorage and sent in headers only, live tails included', async () => {
    const { page, requests, refused, pageErrors } = await open('/');
    const answer = await refused;
    assert.equal((await answer.json()).error.code, 'UNAUTHENTICATED');
    await signInForm(page).locator('text=This daemon requires an access token').waitFor();
    assert.equal(await page.locator('form[aria-label="sign in"] input[name="token"]').getAttribute('type'), 'password');
    assert.match(await signInForm(page).innerText(), /vm-system token create --name NAME --scope read/);
    assert.equal(await page.locator('text=Sign out').count(), 0);

    const signedInFrom = requests.length;
    await signIn(page, daemon.adminToken);
    await page.locator('[data-testid="template-count"]').waitFor();
    await page.locator('[data-testid="projections"]').waitFor();
    assert.equal(await storedToken(page), daemon.adminToken);

    // The ledger's live tail: a fetch() carrying the header, not an EventSource with the token in its URL.
    await page.click('nav[aria-label="main"] >> text=Ledger');
    const tailRequest = page.waitForRequest((request) => request.url().includes('/api/v1/ledger/events') && request.url().includes('follow=true'));
    await page.click('input[name="follow"]');
    const tail = await tailRequest;
    assert.equal(tail.headers().authorization, `Bearer ${daemon.adminToken}`);
    await page.locator('form[aria-label="ledger filters"] [data-follow="live"]').waitFor();
    const { id } = await daemon.client.createTemplate({ name: `followed-with-a-token-${process.pid}` });
    await page.locator(`[data-testid="ledger-rows"] a[href="/templates/${id}"]`).waitFor();

    const signedIn = requests.slice(signedInFrom).filter((request) => request.url().startsWith(`${daemon.url}/api/v1/`));
    assert.ok(signedIn.length > 0);
    for (const request of signedIn) assert.equal(request.headers().authorization, `Bearer ${daemon.adminToken}`, request.url());
    // The random part, so that no encoding of the token slips by either.
    const inUrls = requests.map((request) => request.url()).filter((url) => url.includes(daemon.adminToken.slice(4)));
    assert.deepEqual(inUrls, [], 'no URL carries the token');

    // Signing out forgets the token; the daemon then asks again.
    await page.click('text=Sign out');
    await signInForm(page).locator('text=This daemon requires an access token').waitFor();
    assert.equal(await storedToken(page), null);
    assert.deepEqual(pageErrors, []);
  });

  test('a wrong token is refused and forgotten; so is a stored token once revoked', async () => {
    const { page, refused } = await open('/templates');
    await refused;
    await submitToken(page, unknownToken());
    await signInForm(page).locator('.note.error', { hasText: 'refused' }).waitFor();
    assert.equal(await storedToken(page), null);

    const { token_id, token } = await daemon.client.createToken({ name: `revoked-${process.pid}`, scopes: ['read'] });
    // The list answered: no request with this token is still on its way when it is revoked.
    const listed = page.waitForResponse((response) => response.url() === `${daemon.url}/api/v1/templates` && response.status() === 200);
    await signIn(page, token);
    await listed;
    assert.equal(await storedToken(page), token);

    await daemon.client.revokeToken(token_id);
    // A reload keeps the tab's sessionStorage, so the page sends the revoked token.
    await page.reload();
    await signInForm(page).locator('.note.error', { hasText: 'refused' }).waitFor();
    assert.equal(await storedToken(page), null);
  });

  test('a read-only token reads the session but the REPL answers FORBIDDEN, naming the execute scope', async () => {
    const session = await makeSession(daemon.client);
    const { token } = await daemon.client.createToken({ name: `reader-${process.pid}`, scopes: ['read'] });
    const { page, refused } = await open(`/sessions/${session.id}`);
    await refused;
    await signIn(page, token);
    await page.locator('h1 .badge', { hasText: 'ready' }).waitFor();

    await page.fill('form[aria-label="repl"] textarea', '1 + 1');
    const post = page.waitForResponse((response) => response.url().endsWith('/api/v1/executions/repl'));
    await page.click('form[aria-label="repl"] button[type="submit"]');
    assert.equal((await post).status(), 403);
    const note = page.locator('#repl .note.error[data-required-scope="execute"]');
    await note.waitFor();
    assert.match(await note.innerText(), /needs the execute scope/);
    // Still signed in: a 403 is not a 401.
    assert.equal(await storedToken(page), token);
    assert.deepEqual(await daemon.client.listExecutions(session.id), []);
  });
});

describe('dashboard on a daemon without auth', () => {
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

  test('asks for no token and sends none', async () => {
    const { page, pageErrors } = await openDashboard(browser);
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    await page.goto(daemon.url + '/');
    await page.locator('[data-testid="template-count"]').waitFor();
    await page.locator('[data-testid="projections"]').waitFor();
    assert.equal(await page.locator('[data-testid="sign-in"]').count(), 0);
    assert.equal(await page.locator('text=Sign out').count(), 0);
    for (const request of requests.filter((r) => r.url().includes('/api/v1/'))) {
      const headers = request.headers();
      assert.equal(headers.authorization, undefined, request.url());
      assert.equal(headers['content-type'], undefined, `${request.url()}: a GET carries no body, so no content type`);
    }
    assert.deepEqual(pageErrors, []);
  });
});
