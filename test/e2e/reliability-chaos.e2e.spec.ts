import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHAOS_SEED_VARIABLE, CHAOS_SHAPES, runChaos } from '../reliability/chaos';

// The short form of `npm run chaos`: two daemon kills -9 and a few host kills under a mixed
// workload. The seed is printed; VM_SYSTEM_CHAOS_SEED replays its choices.
test('chaos, short form: after host and daemon kills the ledger verifies, streams are contiguous, projections equal a rebuild, nothing is left running, every acknowledged event is kept', async (t) => {
  const report = await runChaos('short', (line) => t.diagnostic(line));
  for (const line of report.lines) t.diagnostic(line);
  t.diagnostic(`replay with ${CHAOS_SEED_VARIABLE}=${report.seed}`);
  assert.deepEqual(report.failures, []);
  assert.equal(report.daemonKills, CHAOS_SHAPES.short.daemonKills);
  assert.ok(report.hostKills > 0, 'hosts were killed');
  assert.ok(report.acknowledgedEvents > 0, 'acknowledged events were checked');
});
