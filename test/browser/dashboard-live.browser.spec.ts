import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, Page, Request, Route } from 'playwright-core';
import { TestDaemon, startDaemon } from '../support/daemon';
import { launchChromium, openDashboard, signIn, WITH_AUTH } from './support/browser';

/**
 * The dashboard reads live tails with fetch() (sse.ts), so that they carry the token in a
 * header. These check what EventSource used to do for it: resume after a dropped stream,
 * and poll a daemon whose route answers JSON instead of an event stream.
 */
describe('live tails over fetch() on a daemon with token auth', () => {
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

  const isLedgerTail = (url: URL) => url.pathname === '/api/v1/ledger/events' && url.searchParams.get('follow') === 'true';
  /** The ledger page after the current head, signed in, with its tail's requests answered by `handle`. */
  const openLedgerTail = async (handle: (route: Route, request: Request) => Promise<void>): Promise<Page> => {
    const { position } = await daemon.client.ledgerHead();
    const { page } = await openDashboard(browser);
    await page.route(isLedgerTail, handle);
    await page.goto(`${daemon.url}/ledger?after=${position}&follow=1`);
    await signIn(page, daemon.adminToken);
    return page;
  };
  const row = (page: Page, templateId: string) => page.locator(`[data-testid="ledger-rows"] a[href="/templates/${templateId}"]`);

  test('a dropped stream is resumed after its last event with Last-Event-ID, each event shown once', async () => {
    let delivered!: (event: { templateId: string; position: number; request: Request }) => void;
    const firstStream = new Promise<Parameters<typeof delivered>[0]>((resolve) => (delivered = resolve));
    let reconnected!: (request: Request) => void;
    const secondStream = new Promise<Request>((resolve) => (reconnected = resolve));
    let streams = 0;
    const page = await openLedgerTail(async (route, request) => {
      if (++streams > 1) {
        if (streams === 2) reconnected(request);
        return route.continue();
      }
      // The first stream delivers one event, split the way a server may write it (CRLF line
      // ends, a heartbeat comment, data over several lines), and then ends.
      const { id } = await daemon.client.createTemplate({ name: `before-the-drop-${process.pid}` });
      const [event] = (await daemon.client.ledgerEvents(0, 1000)).filter((e) => e.stream_id === `template-${id}`);
      const data = JSON.stringify(event, null, 1).split('\n');
      const body = `: ping\r\n\r\nid: ${event.position}\r\n${data.map((line) => `data: ${line}`).join('\r\n')}\r\n\r\n`;
      await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body });
      delivered({ templateId: id, position: event.position, request });
    });
    const first = await firstStream;
    await row(page, first.templateId).waitFor();

    const resumed = await secondStream;
    assert.equal(resumed.headers()['last-event-id'], String(first.position));
    assert.equal(first.request.headers()['last-event-id'], undefined);
    for (const request of [first.request, resumed]) assert.equal(request.headers().authorization, `Bearer ${daemon.adminToken}`);

    const { id: later } = await daemon.client.createTemplate({ name: `after-the-drop-${process.pid}` });
    await row(page, later).waitFor();
    assert.equal(await row(page, first.templateId).count(), 1, 'the event before the drop is shown once');
    assert.equal(streams, 2, 'one reconnection');
  });

  test('a route that answers JSON instead of an event stream is polled, and the badge says so', async () => {
    const page = await openLedgerTail((route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
    await page.locator('form[aria-label="ledger filters"] [data-follow="polling"]').waitFor();
    const { id } = await daemon.client.createTemplate({ name: `polled-${process.pid}` });
    await row(page, id).waitFor();
  });
});
