import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSoak } from '../reliability/soak';

// The short form of `npm run soak`: the same code, fewer sessions and executions. Latency and
// RSS are reported (t.diagnostic), never asserted: on a shared machine they are noise.
test('soak, short form: every execution answers ok with its output, every host is accounted for, the ledger verifies', async (t) => {
  const report = await runSoak('short');
  for (const line of report.lines) t.diagnostic(line);
  assert.deepEqual(report.failures, []);
  assert.equal(report.errors, 0);
  assert.equal(report.executions, 500);
  // Verified before the closes: the template, 5 × (SessionStarted, SessionReady), and per execution
  // ExecutionStarted + ExecutionFinished in its session's stream and input_echo, console, value in its own.
  assert.ok(report.ledgerEvents >= 1 + 5 * 2 + 500 * 5, `the ledger holds every execution (${report.ledgerEvents} events)`);
});
