import { existsSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `npm test` installs it when missing, as root). Never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * What this machine's headless Chromium needs: no sandbox as root, and none of its own
 * background traffic (update checks, sync), which a closed network refuses.
 */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * `startDaemon` options for a daemon with token auth whose sessions may use the tests'
 * worktrees: with auth on, a worktree must lie under a `--worktree-root`, and the fixtures
 * make theirs in the temp directory.
 */
export const WITH_AUTH = { auth: true, extraArgs: ['--worktree-root', realpathSync(tmpdir())] };

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium package (apt-get install -y chromium; npm test installs it when it runs as root)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface DashboardPage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for, to check that nothing left the daemon's origin. */
  requests: string[];
  /** Errors thrown in the page (uncaught), which a working dashboard never has. */
  pageErrors: string[];
}

export async function openDashboard(browser: Browser, options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<DashboardPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  // A failure guard, not synchronisation: waits end as soon as what they wait for shows.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, context, requests, pageErrors };
}

/** Types a token into the dashboard's sign-in form (shown once the API answered 401) and sends it. */
export async function submitToken(page: Page, token: string): Promise<void> {
  const form = page.locator('form[aria-label="sign in"]');
  await form.locator('input[name="token"]').fill(token);
  await form.locator('button[type="submit"]').click();
}

/** Signs in with a token the daemon accepts: waits until the page the form replaced is back. */
export async function signIn(page: Page, token: string): Promise<void> {
  await submitToken(page, token);
  await page.locator('form[aria-label="sign in"]').waitFor({ state: 'detached' });
}
