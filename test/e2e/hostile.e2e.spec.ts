import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '@vm-system/client';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession } from '../support/fixtures';
import { textOf, messageOf } from '../support/assertions';

/**
 * Limits and hostile code: each case checks the documented outcome, that every event
 * recorded before the failure is still there, and that the daemon and a bystander
 * session carry on.
 */
describe('limits and hostile code', () => {
  let daemon: TestDaemon;
  let bystander: string;
  before(async () => {
    daemon = await startDaemon();
    bystander = (await makeSession(daemon.client)).id;
    await daemon.client.repl(bystander, 'globalThis.mark = "bystander"');
  });
  after(async () => {
    await daemon.stop();
  });

  const daemonStillFine = async () => {
    assert.deepEqual(await daemon.client.health(), { status: 'ok' });
    assert.equal((await daemon.client.repl(bystander, 'mark')).result!.json, 'bystander');
  };

  test('an infinite loop stops at cpu_ms: status timeout, session still ready', async () => {
    const { id } = await makeSession(daemon.client, { settings: { limits: { cpu_ms: 200 } } });
    const run = await daemon.client.repl(id, 'globalThis.before = 1; console.log("before the loop"); for (;;) {}');
    assert.equal(run.status, 'timeout');
    assert.deepEqual(
      run.events.map((e) => e.type),
      ['input_echo', 'console', 'system'],
    );
    assert.equal(messageOf(run.events[2]), 'Execution timed out after 200 ms of CPU time (cpu_ms)');
    assert.equal((await daemon.client.getSession(id)).status, 'ready');
    assert.equal((await daemon.client.repl(id, 'before')).result!.json, 1);
    await daemonStillFine();
  });

  test('a never-settling promise stops at wall_ms: status timeout, the session restored to its state before it', async () => {
    const { id } = await makeSession(daemon.client, { settings: { limits: { wall_ms: 400 } } });
    await daemon.client.repl(id, 'let keep = 41');
    const run = await daemon.client.repl(id, 'console.log("waiting"); keep = 0; await new Promise(() => {})');
    assert.equal(run.status, 'timeout');
    assert.equal(textOf(run.events[1]), 'waiting', 'what was recorded before stays');
    assert.deepEqual(run.error, { level: 'error', message: 'Execution exceeded 400 ms of wall time (wall_ms); its host was stopped' });
    assert.deepEqual(run.events.at(-1)!.payload, run.error, 'the error is the system event that ended it');
    const session = await daemon.client.getSession(id);
    assert.equal(session.status, 'ready');
    assert.equal(session.restores, 1);
    assert.equal((await daemon.client.repl(id, 'keep')).result!.json, 41);
    await daemonStillFine();
  });

  test('deep recursion is a RangeError exception; the session carries on', async () => {
    const { id } = await makeSession(daemon.client);
    const run = await daemon.client.repl(id, 'const deep = (n) => deep(n + 1) + 1; deep(0)');
    assert.equal(run.status, 'error');
    assert.match(run.error!.message, /RangeError/);
    assert.equal((await daemon.client.repl(id, '1 + 1')).result!.json, 2);
  });

  test('a memory bomb stops only its own host: execution error with a system event, the session restored', async () => {
    const { id } = await makeSession(daemon.client, { settings: { limits: { mem_mb: 32 } } });
    await daemon.client.repl(id, 'console.log("recorded before the bomb"); let keep = 41');
    const run = await daemon.client.repl(id, 'console.log("arming"); new Array(1e8).fill(0)');
    assert.equal(run.status, 'error');
    assert.equal(textOf(run.events[1]), 'arming');
    assert.equal(run.events[run.events.length - 1].type, 'system');
    const session = await daemon.client.getSession(id);
    assert.equal(session.status, 'ready');
    assert.equal(session.restores, 1);
    assert.equal((await daemon.client.repl(id, 'keep')).result!.json, 41);
    const history = await daemon.client.listExecutions(id);
    const first = history[history.length - 1];
    assert.equal(textOf((await daemon.client.executionEvents(first.id))[1]), 'recorded before the bomb');
    await daemonStillFine();
  });

  test('max_events stops the code: 422 OUTPUT_LIMIT_EXCEEDED, events so far kept, session ready', async () => {
    const { id } = await makeSession(daemon.client, { settings: { limits: { max_events: 5 } } });
    const error: ApiError = await daemon.client.repl(id, 'for (let i = 0; i < 100; i++) console.log("line " + i); "never"').then(
      () => assert.fail('expected 422'),
      (e) => e,
    );
    assert.equal(error.status, 422);
    assert.equal(error.code, 'OUTPUT_LIMIT_EXCEEDED');
    const executionId = error.envelope.error.details!.execution_id as string;
    const events = await daemon.client.executionEvents(executionId);
    assert.deepEqual(
      events.map((e) => e.type),
      ['input_echo', 'console', 'console', 'console', 'console', 'system'],
    );
    assert.deepEqual(
      events.slice(1, 5).map((e) => textOf(e)),
      ['line 0', 'line 1', 'line 2', 'line 3'],
    );
    assert.match(messageOf(events[5]), /max_events/);
    const execution = await daemon.client.getExecution(executionId);
    assert.equal(execution.status, 'error');
    assert.match(execution.error!.message, /max_events/);
    assert.equal((await daemon.client.getSession(id)).status, 'ready');
    assert.equal((await daemon.client.repl(id, '"after"')).result!.json, 'after');
  });

  test('max_output_kb stops the code the same way', async () => {
    const { id } = await makeSession(daemon.client, { settings: { limits: { max_output_kb: 2 } } });
    const error: ApiError = await daemon.client.repl(id, 'for (;;) console.log("x".repeat(500))').then(
      () => assert.fail('expected 422'),
      (e) => e,
    );
    assert.equal(error.code, 'OUTPUT_LIMIT_EXCEEDED');
    const events = await daemon.client.executionEvents(error.envelope.error.details!.execution_id as string);
    const last = events[events.length - 1];
    assert.equal(last.type, 'system');
    assert.match(messageOf(last), /max_output_kb/);
    const recorded = events.slice(0, -1).reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.payload)), 0);
    assert.ok(recorded <= 2048, `recorded ${recorded} bytes`);
    assert.equal((await daemon.client.getSession(id)).status, 'ready');
  });

  test('a flood of console lines under a high max_events is recorded whole and in order', async () => {
    const { id } = await makeSession(daemon.client, { settings: { limits: { max_events: 30000, max_output_kb: 65536 } } });
    const run = await daemon.client.repl(id, 'for (let i = 0; i < 20000; i++) console.log(i); "done"');
    assert.equal(run.status, 'ok');
    assert.equal(run.events.length, 20002);
    run.events.slice(1, -1).forEach((e, i) => assert.equal(textOf(e), String(i)));
    assert.deepEqual(
      run.events.map((e) => e.seq),
      run.events.map((_, i) => i + 1),
    );
  });

  test('a huge return value is previewed, not shipped whole', async () => {
    const { id } = await makeSession(daemon.client);
    const run = await daemon.client.repl(id, '"x".repeat(5e7)');
    assert.equal(run.status, 'ok');
    assert.equal(run.result!.type, 'string');
    assert.ok(run.result!.preview.length <= 1000);
    await daemonStillFine();
  });

  test('host objects are not reachable', async () => {
    const { id } = await makeSession(daemon.client);
    const probe = await daemon.client.repl(
      id,
      '[typeof process, typeof global, typeof Buffer, typeof $0, typeof module, typeof exports, Object.keys(globalThis).filter(k => k.startsWith("$"))].join(",")',
    );
    assert.equal(probe.result!.json, 'undefined,undefined,undefined,undefined,undefined,undefined,');
    const escape = await daemon.client.repl(id, 'this.constructor.constructor("return typeof process")()');
    assert.equal(escape.result!.json, 'undefined');
    const cp = await daemon.client.repl(id, 'require("child_process").execSync("id")');
    assert.equal(cp.status, 'error');
    assert.match(cp.error!.message, /Invalid module: child_process/);
  });

  test('Object.prototype tampering in one session is invisible in another', async () => {
    const a = await makeSession(daemon.client);
    const b = await makeSession(daemon.client);
    await daemon.client.repl(a.id, 'Object.prototype.polluted = "yes"; Array.prototype.map = () => "broken"');
    assert.equal((await daemon.client.repl(a.id, '({}).polluted')).result!.json, 'yes');
    assert.equal((await daemon.client.repl(b.id, 'typeof ({}).polluted')).result!.json, 'undefined');
    assert.deepEqual((await daemon.client.repl(b.id, '[1, 2].map((x) => x * 2)')).result!.json, [2, 4]);
    const printed = await daemon.client.repl(a.id, 'console.log({ a: 1 }); [1, 2]');
    assert.equal(printed.status, 'ok', 'our own console and value capture survive the tampering');
  });
});
