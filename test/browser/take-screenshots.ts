// Screenshots of the dashboard's main pages for docs/dashboard.md, taken from a real daemon
// with a little history. Not a test: `npm run build && node --no-node-snapshot
// dist/test/browser/take-screenshots.js` rewrites docs/img/dashboard-*.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon } from '../support/daemon';
import { makeWorktree } from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';
import { launchChromium, openDashboard } from './support/browser';

const OUT = join(REPO_ROOT, 'docs', 'img');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const daemon = await startDaemon({ extraArgs: ['--node-id', 'vm-1'] });
  const browser = await launchChromium();
  try {
    const { client } = daemon;
    const template = await client.createTemplate({ name: 'demo' });
    await client.changeSettings(template.id, { limits: { cpu_ms: 2000, mem_mb: 64 } });
    await client.addModule(template.id, 'fs');
    await client.addStartupFile(template.id, { path: 'setup/helpers.js', order_index: 1 });
    await client.addCapability(template.id, { kind: 'fs', name: 'worktree', config: { read_only: true } });
    await client.createTemplate({ name: 'scratch' });
    const worktree = makeWorktree({ 'setup/helpers.js': 'globalThis.double = (x) => x * 2; console.log("helpers loaded")', 'data.txt': 'hello' });
    const session = await client.createSession({ template_id: template.id, workspace_id: 'ws-1', base_commit_oid: 'abc123', worktree_path: worktree });
    await client.repl(session.id, 'let n = 20');
    await client.repl(session.id, 'console.log("n is", n); double(n) + 2');
    await client.repl(session.id, 'console.info("files", require("fs").readdirSync(".")); ({ n, when: "now", list: [1, 2, 3] })');
    const failing = await client.repl(session.id, 'console.warn("about to fail"); function parse(s) { return JSON.parse(s) } parse("{not json")');
    const other = await client.createSession({ template_id: template.id, workspace_id: 'ws-2', base_commit_oid: 'def456', worktree_path: worktree });
    await client.closeSession(other.id);

    const shoot = async (name: string, path: string, options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; fullPage?: boolean } = {}) => {
      const { page, context } = await openDashboard(browser, options);
      await page.goto(daemon.url + path);
      await page.locator('main .card').first().waitFor();
      await page.waitForFunction('!document.querySelector("main").innerText.includes("Loading…")');
      return {
        page,
        context,
        save: async () => {
          writeFileSync(join(OUT, `dashboard-${name}.png`), await page.screenshot({ fullPage: options.fullPage ?? false }));
          await context.close();
        },
      };
    };

    await (await shoot('overview', '/')).save();
    await (await shoot('templates', '/templates')).save();
    await (await shoot('template', `/templates/${template.id}`, { fullPage: true })).save();
    await (await shoot('sessions', '/sessions')).save();
    const repl = await shoot('session', `/sessions/${session.id}`, { fullPage: true });
    await repl.page.fill('form[aria-label="repl"] textarea', 'console.log("from the dashboard"); [n, double(n)]');
    await repl.page.click('form[aria-label="repl"] button[type="submit"]');
    await repl.page.locator('.run .ev-value').waitFor();
    await repl.save();
    await (await shoot('execution', `/executions/${failing.id}`, { fullPage: true })).save();
    const ledger = await shoot('ledger', '/ledger?limit=20');
    await ledger.page.click('nav[aria-label="ledger pages"] >> text=Last');
    await ledger.page.waitForURL(/after=/);
    await ledger.page.locator('[data-testid="ledger-rows"]').waitFor();
    await ledger.save();
    await (await shoot('cluster', '/cluster')).save();
    await (await shoot('session-dark', `/sessions/${session.id}`, { colorScheme: 'dark' })).save();
    await (await shoot('execution-narrow', `/executions/${failing.id}`, { width: 390, height: 844, colorScheme: 'dark', fullPage: true })).save();
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await daemon.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
