import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExecutionOutcome, ExecutionVerdict, decideExecutionOutcome, decideIdleHostLoss, recordedStatus } from '@vm-system/domain';

const repl = (outcome: Omit<ExecutionOutcome, 'kind'>): ExecutionOutcome => ({ kind: 'repl', ...outcome });
const keep = { type: 'keep' } as const;
const done = { type: 'done' } as const;
const verdict = (replayable: boolean, session: ExecutionVerdict['session'] = keep, answer: ExecutionVerdict['answer'] = done): ExecutionVerdict => ({
  replayable,
  session,
  answer,
});

describe('execution outcome', () => {
  test('ok and error by an exception replay; the session keeps its host', () => {
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'ok' })), verdict(true));
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'error' })), verdict(true));
    assert.deepEqual(decideExecutionOutcome({ kind: 'run_file', status: 'ok' }), verdict(true));
    assert.deepEqual(decideExecutionOutcome({ kind: 'startup', status: 'error' }), verdict(true));
  });

  test('an output limit stops at a deterministic point: it replays, and is answered as the limit', () => {
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'error', limitExceeded: 'max_events' })), verdict(true, keep, { type: 'output_limit', limit: 'max_events' }));
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'error', limitExceeded: 'max_output_kb' })), verdict(true, keep, { type: 'output_limit', limit: 'max_output_kb' }));
  });

  test('a timeout or a cancel the isolate survived is skipped by a restore, and the host is kept', () => {
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'timeout' })), verdict(false));
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'cancelled' })), verdict(false));
  });

  test('a lost host is not replayed and the session is restored to its state before, for that reason', () => {
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'timeout', hostLoss: 'timeout' })), verdict(false, { type: 'restore', reason: 'timeout' }));
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'error', hostLoss: 'memory' })), verdict(false, { type: 'restore', reason: 'memory' }));
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'error', hostLoss: 'host_lost' })), verdict(false, { type: 'restore', reason: 'host_lost' }));
    assert.deepEqual(decideExecutionOutcome({ kind: 'run_file', status: 'cancelled', hostLoss: 'cancel' }), verdict(false, { type: 'restore', reason: 'cancel' }));
  });

  test('a host lost during startup has no state to come back to: the session crashes', () => {
    assert.deepEqual(decideExecutionOutcome({ kind: 'startup', status: 'error', hostLoss: 'memory' }), verdict(false, { type: 'crash' }));
    assert.deepEqual(decideExecutionOutcome({ kind: 'startup', status: 'timeout', hostLoss: 'timeout' }), verdict(false, { type: 'crash' }));
  });

  test('an incomplete recording is never replayed, whatever the status; the host is kept', () => {
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'error', recordingOverflowed: true })), verdict(false));
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'ok', recordingOverflowed: true })), verdict(false));
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'ok', recordingOverflowed: false })), verdict(true));
  });

  test('output the ledger refused: never replayed; stopped by the daemon it restores as a cancel, ended by itself it keeps its host', () => {
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'cancelled', hostLoss: 'cancel', outputUnrecorded: true })), verdict(false, { type: 'restore', reason: 'cancel' }));
    assert.deepEqual(decideExecutionOutcome(repl({ status: 'ok', outputUnrecorded: true })), verdict(false));
  });

  test('a limit crossed by an execution that also lost its host is answered as the limit, and restored', () => {
    assert.deepEqual(
      decideExecutionOutcome(repl({ status: 'error', hostLoss: 'host_lost', limitExceeded: 'max_events' })),
      verdict(false, { type: 'restore', reason: 'host_lost' }, { type: 'output_limit', limit: 'max_events' }),
    );
  });
});

describe('the status an execution records', () => {
  test('given a run the daemon stopped because its output could not be recorded, then it ended in error, not cancelled', () => {
    assert.equal(recordedStatus({ status: 'cancelled', outputUnrecorded: true }), 'error');
    assert.equal(recordedStatus({ status: 'ok', outputUnrecorded: true }), 'error');
  });

  test("given any other run, then its status is the runtime's", () => {
    for (const status of ['ok', 'error', 'timeout', 'cancelled'] as const) assert.equal(recordedStatus({ status }), status);
  });
});

describe('a host lost while no execution runs', () => {
  test('a ready session is restored, one still starting crashes, the others keep what they are', () => {
    assert.deepEqual(decideIdleHostLoss('ready'), { type: 'restore', reason: 'host_lost' });
    assert.deepEqual(decideIdleHostLoss('starting'), { type: 'crash' });
    for (const status of ['suspended', 'crashed', 'closed'] as const) assert.deepEqual(decideIdleHostLoss(status), { type: 'keep' });
  });
});
