import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ExecutionEvent, RebuildReport, VerifyReport } from '@vm-system/client';
import { runCli, runCliJson } from '../support/cli';
import { startDaemon } from '../support/daemon';
import { makeSession, makeTemplate } from '../support/fixtures';
import { tempDir } from '../support/paths';

/** Prints until the daemon dies: the flood is certainly still running at the kill. */
const ENDLESS_FLOOD = "for (let i = 0; ; i++) console.log('line ' + i)";

describe('ledger integrity: crash safety and tamper evidence', () => {
  test('kill -9 mid-flood: nothing acknowledged is lost, the chain verifies, seqs are contiguous, recovery ends the execution and suspends the session, projections equal a rebuild', async (t) => {
    const first = await startDaemon();
    t.after(() => first.kill());
    const session = await makeSession(first.client, {
      settings: { limits: { cpu_ms: 600000, wall_ms: 600000, max_events: 1_000_000, max_output_kb: 262_144 } },
    });
    const started = await first.client.startRepl(session.id, ENDLESS_FLOOD);
    const acknowledged: ExecutionEvent[] = [];
    try {
      for await (const item of first.client.followExecution(started.id)) {
        if (item.kind === 'event') acknowledged.push(item.event);
        if (acknowledged.length === 5000) await first.kill();
      }
    } catch {
      // The tail breaks when the daemon dies: expected.
    }
    assert.equal(first.process.exitCode === null && first.process.signalCode, 'SIGKILL');
    assert.ok(acknowledged.length >= 5000);

    const second = await startDaemon({ dbFile: first.dbFile });
    try {
      const verify = await runCli(['audit', 'verify'], { serverUrl: second.url });
      assert.equal(verify.code, 0, verify.stdout + verify.stderr);
      assert.match(verify.stdout, /^Ledger verified: \d+ events, head position \d+, head hash [0-9a-f]{64}/);

      const recorded = [];
      for (
        let page = await second.client.executionEvents(started.id, 0, 10000);
        page.length > 0;
        page = await second.client.executionEvents(started.id, recorded.at(-1)!.seq, 10000)
      ) {
        recorded.push(...page);
      }
      assert.deepEqual(recorded.slice(0, acknowledged.length), acknowledged, 'every event the client saw is there, unchanged');
      assert.equal(recorded.at(-1)!.type, 'system', 'recovery recorded why the execution ended');
      const execution = await second.client.getExecution(started.id);
      assert.equal(execution.status, 'error');
      assert.match(JSON.stringify(execution.error), /runtime lost at daemon restart/);
      assert.equal((await second.client.getSession(session.id)).status, 'suspended');

      const seqs = new Map<string, number>();
      let position = 0;
      for await (const line of second.client.exportLedger()) {
        const row = JSON.parse(line);
        assert.equal(row.position, ++position, 'positions have no gap');
        assert.equal(row.seq, (seqs.get(row.stream_id) ?? 0) + 1, `${row.stream_id} seq is contiguous`);
        seqs.set(row.stream_id, row.seq);
      }
      const rebuilt = await runCliJson<RebuildReport>(['ops', 'rebuild-projections'], second.url);
      assert.deepEqual(
        rebuilt.projections.map((p) => [p.name, p.equal]),
        [
          ['templates', true],
          ['sessions', true],
          ['executions', true],
          ['tokens', true],
        ],
      );
    } finally {
      await second.stop();
    }
  });

  test('a row edited behind the daemon is named by audit verify; so is a deleted one', async () => {
    const daemon = await startDaemon();
    try {
      const templateId = await makeTemplate(daemon.client, { limits: { cpu_ms: 4321 } });
      await daemon.client.addModule(templateId, 'fs');
      const target = (await daemon.client.ledgerStream(`template-${templateId}`))[1];
      const clean = await runCliJson<VerifyReport>(['audit', 'verify'], daemon.url);
      assert.equal(clean.ok, true);

      const db = new Database(daemon.dbFile);
      db.prepare('UPDATE ledger_events SET data = ? WHERE position = ?').run(JSON.stringify({ limits: { cpu_ms: 999999 } }), target.position);
      db.close();
      const human = await daemon.cli('audit', 'verify');
      assert.equal(human.code, 1);
      assert.match(human.stdout, new RegExp(`^Ledger chain broken at position ${target.position} \\(hash_mismatch\\)`));
      const server = await daemon.client.verifyLedger();
      assert.deepEqual([server.ok, !server.ok && server.first_bad_position, !server.ok && server.count], [false, target.position, target.position - 1]);

      const reopened = new Database(daemon.dbFile);
      reopened.prepare('DELETE FROM ledger_events WHERE position = ?').run(target.position);
      reopened.close();
      const gap = await runCli(['audit', 'verify', '--output', 'json'], { serverUrl: daemon.url });
      assert.equal(gap.code, 1);
      assert.deepEqual((({ ok, first_bad_position, reason }) => ({ ok, first_bad_position, reason }))(JSON.parse(gap.stdout)), {
        ok: false,
        first_bad_position: target.position,
        reason: 'position_gap',
      });
    } finally {
      await daemon.stop();
    }
  });

  test('serve --durability normal is accepted and said; anything else refuses to start', async () => {
    const normal = await startDaemon({ extraArgs: ['--durability', 'normal'] });
    try {
      assert.match(normal.log(), /durability: normal/);
      assert.equal((await normal.client.health()).status, 'ok');
    } finally {
      await normal.stop();
    }
    const refused = await runCli(['serve', '--db', join(tempDir(), 'refused.db'), '--listen', '127.0.0.1:0', '--durability', 'fast']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--durability must be full or normal, got fast/);
  });
});
