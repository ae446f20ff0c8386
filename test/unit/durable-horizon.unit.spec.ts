import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DurableHorizon } from '@vm-system/ledger';

/** A sync the test ends by hand: each call is one pending sync, in order. */
function manualSync() {
  const calls: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const sync = () => new Promise<void>((resolve, reject) => void calls.push({ resolve, reject }));
  return { sync, calls };
}

const state = (promise: Promise<void>) => {
  let value = 'pending';
  promise.then(
    () => (value = 'durable'),
    (error: Error) => (value = `failed: ${error.message}`),
  );
  return () => value;
};
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the durable horizon', () => {
  test('given no write, when a caller asks, then it is durable without a sync', async () => {
    const { sync, calls } = manualSync();
    const horizon = new DurableHorizon(sync);
    assert.equal(horizon.settled, true);
    await horizon.whenDurable();
    assert.equal(calls.length, 0);
  });

  test('given a write, when a caller asks, then it waits for the sync to end', async () => {
    const { sync, calls } = manualSync();
    const horizon = new DurableHorizon(sync);
    horizon.noteWrite();
    assert.equal(horizon.settled, false);
    const waited = state(horizon.whenDurable());
    await turn();
    assert.equal(waited(), 'pending');
    calls[0].resolve();
    await turn();
    assert.equal(waited(), 'durable');
    assert.equal(horizon.settled, true);
  });

  test('given callers asking while one sync runs, then they share it: group commit', async () => {
    const { sync, calls } = manualSync();
    const horizon = new DurableHorizon(sync);
    horizon.noteWrite();
    horizon.noteWrite();
    const first = state(horizon.whenDurable());
    const second = state(horizon.whenDurable());
    assert.equal(calls.length, 1);
    calls[0].resolve();
    await turn();
    assert.deepEqual([first(), second()], ['durable', 'durable']);
    assert.equal(calls.length, 1);
  });

  test('given a write made while a sync runs, then that sync does not cover it: the next one does', async () => {
    const { sync, calls } = manualSync();
    const horizon = new DurableHorizon(sync);
    horizon.noteWrite();
    const before = state(horizon.whenDurable());
    horizon.noteWrite();
    const after = state(horizon.whenDurable());
    calls[0].resolve();
    await turn();
    assert.deepEqual([before(), after()], ['durable', 'pending']);
    assert.equal(horizon.settled, false);
    assert.equal(calls.length, 2, 'a second sync starts for the write the first did not cover');
    calls[1].resolve();
    await turn();
    assert.equal(after(), 'durable');
    assert.equal(horizon.settled, true);
  });

  test('given a failing sync, then its callers are told, and a later sync can still succeed', async () => {
    const { sync, calls } = manualSync();
    const horizon = new DurableHorizon(sync);
    horizon.noteWrite();
    const failed = state(horizon.whenDurable());
    calls[0].reject(new Error('EIO'));
    await turn();
    assert.equal(failed(), 'failed: EIO');
    assert.equal(horizon.settled, false, 'a failed sync makes nothing durable');
    const retried = state(horizon.whenDurable());
    calls[1].resolve();
    await turn();
    assert.equal(retried(), 'durable');
  });
});
