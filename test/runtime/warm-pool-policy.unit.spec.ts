import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_WARM_POOL_POLICY,
  hostsToFork,
  nextShrinkAt,
  NO_TAKES,
  recordFull,
  recordTake,
  warmPoolPolicy,
  warmPoolTarget,
  type TakeHistory,
  type WarmPoolPolicy,
} from '../../libs/runtime/src/daemon/warm-pool-policy';

const policy: WarmPoolPolicy = { min: 2, max: 8, windowMs: 30_000 };
/** `n` takes `gapMs` apart from `from`, on `history`, the pool not full again in between. */
const burst = (n: number, from = 0, gapMs = 10, history: TakeHistory = NO_TAKES) =>
  Array.from({ length: n }, (_, i) => from + i * gapMs).reduce((h, at) => recordTake(h, at, policy), history);
/** Each take refilled before the next. */
const spaced = (n: number, gapMs: number) => Array.from({ length: n }, (_, i) => i * gapMs).reduce((h, at) => recordFull(recordTake(h, at, policy)), NO_TAKES);

describe('warm pool policy: how many hosts to keep', () => {
  test('given no creates yet, when asked, then the pool keeps its minimum', () => {
    assert.equal(warmPoolTarget(NO_TAKES, 0, policy), 2);
  });

  test('given creates the pool refilled after each, when asked, then the minimum is enough', () => {
    assert.equal(warmPoolTarget(spaced(10, 2_500), 25_000, policy), 2);
  });

  test('given 5 creates before the pool was full again, when asked, then the pool keeps 5 for the next burst', () => {
    assert.equal(warmPoolTarget(recordFull(burst(5)), 100, policy), 5);
  });

  test('given creates spaced out but faster than the pool refills, when asked, then they count as one burst', () => {
    assert.equal(warmPoolTarget(burst(6, 0, 2_000), 12_000, policy), 6);
  });

  test('given a burst larger than the maximum, when asked, then the pool keeps the maximum', () => {
    assert.equal(warmPoolTarget(recordFull(burst(20)), 300, policy), 8);
  });

  test('given two bursts in the window, when asked, then the larger one sizes the pool', () => {
    const history = burst(3, 10_000, 10, recordFull(burst(6, 0)));
    assert.equal(history.bursts.length, 2);
    assert.equal(warmPoolTarget(recordFull(history), 12_000, policy), 6);
  });

  test('given a burst whose last take is older than the window, when asked, then the pool falls back to its minimum', () => {
    const history = recordFull(burst(6));
    assert.equal(warmPoolTarget(history, 30_100, policy), 2);
    assert.equal(warmPoolTarget(history, 30_000, policy), 6);
  });

  test('given a burst still under way, when the window has passed its last take, then it still counts', () => {
    assert.equal(warmPoolTarget(burst(6), 60_000, policy), 6);
    assert.equal(recordTake(burst(6), 60_000, policy).bursts.at(-1)?.takes, 7);
  });

  test('given a finished burst, when asked when the pool may shrink, then it is when the burst leaves the window', () => {
    assert.equal(nextShrinkAt(recordFull(burst(6, 1_000)), 5_000, policy), 1_050 + 30_000);
  });

  test('given only the minimum is wanted, or the only burst is under way, when asked when it may shrink, then not yet', () => {
    assert.equal(nextShrinkAt(NO_TAKES, 0, policy), undefined);
    assert.equal(nextShrinkAt(spaced(3, 100), 2_000, policy), undefined);
    assert.equal(nextShrinkAt(burst(6), 2_000, policy), undefined);
  });

  test('given a --warm-pool-max below the default minimum, when the policy is made, then the minimum follows it down (0: no pool)', () => {
    assert.deepEqual(warmPoolPolicy(1), { ...DEFAULT_WARM_POOL_POLICY, min: 1, max: 1 });
    assert.equal(warmPoolTarget(burst(5), 100, warmPoolPolicy(0)), 0);
    assert.equal(warmPoolTarget(burst(5), 100, warmPoolPolicy(20)), 5);
  });
});

describe('warm pool policy: how many hosts to fork at once', () => {
  test('given an empty pool short of its target, when refilled, then no more than the parallel bound load at once', () => {
    assert.equal(hostsToFork({ idle: 0, waiting: 0, loading: 0 }, 8, 2), 2);
    assert.equal(hostsToFork({ idle: 1, waiting: 0, loading: 1 }, 8, 2), 1);
    assert.equal(hostsToFork({ idle: 2, waiting: 0, loading: 2 }, 8, 2), 0);
  });

  test('given waiting creates, when refilled, then they count on top of the target', () => {
    assert.equal(hostsToFork({ idle: 0, waiting: 3, loading: 0 }, 0, 2), 2);
    assert.equal(hostsToFork({ idle: 0, waiting: 1, loading: 0 }, 0, 2), 1);
  });

  test('given a pool at or over its target, when refilled, then nothing is forked', () => {
    assert.equal(hostsToFork({ idle: 2, waiting: 0, loading: 0 }, 2, 2), 0);
    assert.equal(hostsToFork({ idle: 5, waiting: 0, loading: 0 }, 2, 2), 0);
  });
});
