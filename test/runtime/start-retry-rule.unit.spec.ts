import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HostDiedWhileStartingError } from '../../libs/runtime/src/daemon/start-errors';
import { MAX_START_ATTEMPTS, retriesStartOnAnotherHost } from '../../libs/runtime/src/daemon/start-retry-rule';

const hostDied = new HostDiedWhileStartingError('killed by SIGKILL');

describe('start retry rule: when a failed session start is tried on another host', () => {
  test('given the host died under the first attempt, when asked, then the start is retried', () => {
    assert.equal(retriesStartOnAnotherHost(hostDied, 1), true);
  });

  test('given the host died under the retry too, when asked, then the start fails', () => {
    assert.equal(retriesStartOnAnotherHost(hostDied, 2), false);
    assert.equal(MAX_START_ATTEMPTS, 2);
  });

  test('given a library or startup code that threw, when asked, then the start fails at once', () => {
    assert.equal(retriesStartOnAnotherHost(new Error('Session failed to start: Error: broken library'), 1), false);
  });

  test('given a host that did not start in time, when asked, then the start fails at once', () => {
    assert.equal(retriesStartOnAnotherHost(new Error('Session host did not start within 15000 ms'), 1), false);
  });

  test('given the memory limit hit while the session started, when asked, then the start fails at once', () => {
    assert.equal(retriesStartOnAnotherHost(new Error('Session failed to start: Isolate was disposed during execution due to memory limit'), 1), false);
  });

  test('given the supervisor shutting down, when asked, then the start fails at once', () => {
    assert.equal(retriesStartOnAnotherHost(new Error('The session supervisor is shut down'), 1), false);
  });

  test('given a failure that only reads like a host death, when asked, then only the named error counts', () => {
    assert.equal(retriesStartOnAnotherHost(new Error(hostDied.message), 1), false);
    assert.equal(retriesStartOnAnotherHost('Session host died while starting: killed by SIGKILL', 1), false);
  });

  test('given the named error, when read, then it keeps the message callers and logs know', () => {
    assert.equal(hostDied.message, 'Session host died while starting: killed by SIGKILL');
    assert.equal(hostDied.name, 'HostDiedWhileStartingError');
    assert.ok(hostDied instanceof Error);
  });
});
