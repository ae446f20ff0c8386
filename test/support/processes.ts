import { ChildProcess } from 'node:child_process';
import { after } from 'node:test';

/**
 * Every long-lived process a test starts (a daemon, a streaming CLI) must be stopped by the
 * test itself, in a `finally` or an `after` hook. One it forgot would keep the spec file's
 * process alive until the runner's timeout; instead, once the file's tests have ended, it
 * is killed here and the file fails, naming it.
 */
const live = new Map<ChildProcess, string>();

// Only under the test runner (it sets NODE_TEST_CONTEXT in each file's process): the bench
// starts daemons through the same helpers and must not start a test harness.
if (process.env.NODE_TEST_CONTEXT) {
  after(() => {
    const left = [...live.values()];
    for (const child of live.keys()) child.kill('SIGKILL');
    if (left.length > 0) throw new Error(`left running after the tests of this file (now killed): ${left.join('; ')}`);
  });
}

/** Registers a process the test must stop; it is forgotten once it exits. */
export function mustBeStopped(child: ChildProcess, what: string): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  live.set(child, what);
  child.once('exit', () => live.delete(child));
}
