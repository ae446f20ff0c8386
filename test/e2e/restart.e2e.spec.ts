import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rebuildProjections } from '@vm-system/ledger';
import { startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, waitFor } from '../support/fixtures';
import { openTestLedger } from '../support/ledger';
import { messageOf } from '../support/assertions';

describe('daemon restart on the same database file', () => {
  test('templates survive; live sessions are suspended and running executions ended with a reason; rebuild equals live', async (t) => {
    const first = await startDaemon();
    t.after(() => first.kill());
    const templateId = await makeTemplate(first.client, { limits: { cpu_ms: 60000, wall_ms: 60000 } });
    await first.client.addModule(templateId, 'fs');
    await first.client.addCapability(templateId, { kind: 'env', name: 'HOME' });
    const idle = await makeSession(first.client, { templateId });
    await first.client.repl(idle.id, 'globalThis.x = 1');
    const busy = await makeSession(first.client, { templateId });
    void first.client.repl(busy.id, 'console.log("spinning"); for (;;) {}').catch(() => undefined);
    const running = await waitFor(async () => (await first.client.listExecutions(busy.id)).find((e) => e.status === 'running'), 'the spin to start');
    // Kill only once the daemon has acknowledged the line the guest printed: it must survive.
    await waitFor(async () => ((await first.client.executionEvents(running.id)).some((e) => e.type === 'console') ? true : undefined), 'the console line');
    const templatesBefore = await first.client.listTemplates();
    const detailBefore = await first.client.getTemplate(templateId);
    await first.kill();

    const second = await startDaemon({ dbFile: first.dbFile });
    try {
      assert.deepEqual(await second.client.listTemplates(), templatesBefore);
      assert.deepEqual(await second.client.getTemplate(templateId), detailBefore);
      const summary = await second.client.runtimeSummary();
      assert.deepEqual([summary.active_sessions, summary.active_session_ids], [0, []]);
      for (const id of [idle.id, busy.id]) assert.equal((await second.client.getSession(id)).status, 'suspended');
      const interrupted = await second.client.getExecution(running.id);
      assert.equal(interrupted.status, 'error');
      const events = await second.client.executionEvents(running.id);
      assert.deepEqual(
        events.map((e) => e.type),
        ['input_echo', 'console', 'system'],
      );
      assert.match(messageOf(events[2]), /runtime lost at daemon restart/);
      assert.deepEqual((await second.client.listSessions('suspended')).map((s) => s.id).sort(), [idle.id, busy.id].sort());
      // Resumed on first use: the global set before the kill is back.
      assert.equal((await second.client.repl(idle.id, 'x')).result!.json, 1);
      assert.equal((await second.client.getSession(idle.id)).status, 'ready');
      // the daemon is fully usable after recovery
      const fresh = await makeSession(second.client, { templateId });
      assert.equal((await second.client.repl(fresh.id, '21 * 2')).result!.json, 42);
    } finally {
      assert.equal(await second.stop(), 0, 'graceful shutdown exits 0');
    }

    const ledger = await openTestLedger(first.dbFile);
    try {
      const live = ledger.store.projectors.map((p) => p.snapshot(ledger.store.sql));
      rebuildProjections(ledger.store.sql, ledger.store.projectors);
      assert.deepEqual(
        ledger.store.projectors.map((p) => p.snapshot(ledger.store.sql)),
        live,
      );
      const all = ledger.store.readAll(0, 100000);
      all.forEach((e, i) => assert.equal(e.position, i + 1));
      const seqs = new Map<string, number>();
      for (const e of all) {
        assert.equal(e.seq, (seqs.get(e.stream_id) ?? 0) + 1, `${e.stream_id} is contiguous`);
        seqs.set(e.stream_id, e.seq);
      }
    } finally {
      await ledger.close();
    }
  });

  test('a second daemon on the same database refuses to start and leaves the first one alone', async () => {
    const first = await startDaemon();
    try {
      const session = await makeSession(first.client);
      const second = await startDaemon({ dbFile: first.dbFile }).then(
        () => assert.fail('a second daemon started'),
        (error: Error) => error,
      );
      assert.match(second.message, /daemon exited \(1\) before listening/);
      assert.match(second.message, /Error: another vm-system daemon \(pid \d+\) is serving .*\n/);
      assert.equal((await first.client.getSession(session.id)).status, 'ready');
      assert.equal((await first.client.repl(session.id, '6 * 7')).result!.json, 42);
    } finally {
      await first.stop();
    }
  });
});
