import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDuration } from '../../apps/vm-system/src/daemon/daemon-options';

describe('serve durations (--suspend-idle-after)', () => {
  test('units ms, s, m, h; a bare number is seconds; 0 is never', () => {
    assert.deepEqual(
      ['500ms', '90s', '30m', '2h', '45', '0'].map((v) => parseDuration('--x', v)),
      [500, 90_000, 1_800_000, 7_200_000, 45_000, 0],
    );
  });

  test('anything else names the flag and the value', () => {
    for (const bad of ['', '-1', '1.5m', '10 minutes', 'm']) {
      assert.throws(() => parseDuration('--suspend-idle-after', bad), /--suspend-idle-after must be a duration .*got/);
    }
  });
});
