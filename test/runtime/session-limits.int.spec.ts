import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { SessionSupervisor } from '@vm-system/runtime';
import { consoleLines, echoBudget, exceptionOf, makeSpec, repl, systemMessages, valueOf } from './support/fixtures';

describe('limits', () => {
  let supervisor: SessionSupervisor;

  before(() => {
    supervisor = new SessionSupervisor({ warmPoolMax: 2 });
  });

  after(() => supervisor.shutdown());

  describe('cpu_ms', () => {
    test('a busy loop times out, output before it is kept, the session stays usable', async () => {
      const session = await supervisor.start(makeSpec({ limits: { cpu_ms: 200 } }));
      valueOf(await repl(session, 'var before = "kept"'));
      const c = await repl(session, "console.log('start'); for (;;) {}");
      assert.equal(c.outcome.status, 'timeout');
      assert.equal(c.outcome.crashed, undefined);
      assert.ok(c.outcome.metrics.cpu_ms >= 150, `cpu_ms ${c.outcome.metrics.cpu_ms}`);
      assert.deepEqual(
        c.events.map((e) => e.type),
        ['console', 'system'],
      );
      assert.deepEqual(systemMessages(c), ['Execution timed out after 200 ms of CPU time (cpu_ms)']);
      assert.equal(valueOf(await repl(session, 'before')).json, 'kept');
      assert.ok(supervisor.activeSessionIds().includes(session.id));
      await session.close();
    });

    test('a getter that loops while the result is serialised is stopped by the cpu timeout', async () => {
      const session = await supervisor.start(makeSpec({ limits: { cpu_ms: 200 } }));
      const c = await repl(session, '({ get x() { for (;;) {} } })');
      assert.equal(c.outcome.status, 'timeout');
      assert.equal(c.outcome.crashed, undefined);
      assert.equal(valueOf(await repl(session, '1+1')).json, 2);
      await session.close();
    });

    test('deep recursion is a RangeError exception and the session is fine', async () => {
      // Generous limits: on a loaded machine the overflow must not lose a race with cpu_ms.
      const session = await supervisor.start(makeSpec({ limits: { cpu_ms: 5000, wall_ms: 10000 } }));
      const e = exceptionOf(await repl(session, 'function down() { return down() } down()'));
      assert.equal(e.message, 'RangeError: Maximum call stack size exceeded');
      assert.match(e.stack, /at down \(repl:1:/);
      assert.equal(valueOf(await repl(session, '"after"')).json, 'after');
      await session.close();
    });
  });

  describe('wall_ms', () => {
    test('a promise that never settles: timeout, session crashed and removed, output kept', async (t) => {
      const session = await supervisor.start(makeSpec({ limits: { wall_ms: 1000 } }));
      const started = performance.now();
      const c = await repl(session, "console.log('waiting'); await new Promise(() => {})");
      t.diagnostic(`stopped after ${Math.round(performance.now() - started)} ms (wall_ms 1000)`);
      assert.equal(c.outcome.status, 'timeout');
      assert.equal(c.outcome.crashed, 'Session host stopped: the execution exceeded wall_ms (1000 ms) and only stopping the host could stop it');
      assert.equal(c.outcome.hostLoss, 'timeout');
      assert.deepEqual(consoleLines(c), [{ level: 'log', text: 'waiting' }]);
      assert.equal(c.events[c.events.length - 1].type, 'system');
      assert.deepEqual(systemMessages(c), ['Execution exceeded 1000 ms of wall time (wall_ms); its host was stopped']);
      assert.ok(!supervisor.activeSessionIds().includes(session.id));
      assert.equal(supervisor.get(session.id), undefined);
      const afterwards = await repl(session, '1+1');
      assert.equal(afterwards.outcome.crashed, `Session host is gone: ${c.outcome.crashed}`);
    });
  });

  describe('mem_mb', () => {
    test('a memory bomb kills only its own session', async () => {
      const bystander = await supervisor.start(makeSpec());
      valueOf(await repl(bystander, 'var alive = "yes"'));
      const bomb = await supervisor.start(makeSpec({ limits: { mem_mb: 32, wall_ms: 10_000 } }));
      let delivered = 0;
      const outcome = await bomb.run({ kind: 'repl', code: 'new Array(1e8).fill(0)' }, { eventsUsed: 1, bytesUsed: 0 }, (events) => {
        delivered += events.filter((e) => e.type === 'system').length;
      });
      assert.equal(outcome.status, 'error');
      assert.match(outcome.crashed ?? '', /SIGABRT|memory/);
      assert.equal(delivered, 1, 'a system event reached the sink before run() resolved');
      assert.ok(!supervisor.activeSessionIds().includes(bomb.id));
      assert.equal(valueOf(await repl(bystander, 'alive')).json, 'yes');
      const fresh = await supervisor.start(makeSpec());
      assert.equal(valueOf(await repl(fresh, '1+1')).json, 2);
      await Promise.all([bystander.close(), fresh.close()]);
    });

    test('an isolate disposed for memory crashes the session with a system event', async () => {
      const session = await supervisor.start(makeSpec({ limits: { mem_mb: 16, cpu_ms: 5000, wall_ms: 10_000 } }));
      const c = await repl(session, 'const hoard = []; for (;;) hoard.push({ x: hoard.length, y: "s" + hoard.length })');
      assert.equal(c.outcome.status, 'error');
      assert.match(c.outcome.crashed ?? '', /memory/);
      assert.match(systemMessages(c)[0], /^Session host lost: .*memory/);
      assert.ok(!supervisor.activeSessionIds().includes(session.id));
    });
  });

  describe('max_recorded_calls', () => {
    test('a guest that observes the outside world more than allowed ends in error, saying so, with nothing to replay', async () => {
      const spec = { ...makeSpec({ limits: { cpu_ms: 5000, wall_ms: 10_000 } }), maxRecordedCalls: 50 };
      const session = await supervisor.start(spec);
      const c = await repl(session, 'let n = 0; try { for (;;) { Math.random(); n++; } } catch {} n');
      assert.equal(c.outcome.status, 'error');
      assert.equal(c.outcome.recordingOverflowed, true);
      assert.match(systemMessages(c)[0], /max_recorded_calls \(50\)/);
      const within = await repl(session, '[Date.now(), Math.random()].length');
      assert.equal(within.outcome.status, 'ok');
      assert.deepEqual([within.outcome.recordedCalls?.clock.length, within.outcome.recordedCalls?.random.length], [1, 1]);
    });
  });

  describe('max_events and max_output_kb', () => {
    test('a flood of 100,000 lines under a high limit arrives whole, in order and batched', async (t) => {
      const session = await supervisor.start(makeSpec({ limits: { max_events: 200_000, max_output_kb: 20_000, cpu_ms: 5000, wall_ms: 20_000 } }));
      const started = performance.now();
      const c = await repl(session, 'for (let i = 0; i < 100000; i++) console.log("line " + i)');
      t.diagnostic(`100,000 lines in ${Math.round(performance.now() - started)} ms, ${c.sinkCalls} sink calls`);
      const lines = consoleLines(c);
      assert.equal(lines.length, 100_000);
      assert.ok(
        lines.every((line, i) => line.text === `line ${i}`),
        'in order',
      );
      assert.equal(valueOf(c).type, 'undefined');
      assert.ok(c.sinkCalls <= 2_000, `${c.sinkCalls} sink calls: batched, not one per line`);
      await session.close();
    });

    test('the same flood under max_events 1000 stops at the limit; the session stays usable', async () => {
      const session = await supervisor.start(makeSpec());
      const c = await repl(session, 'for (let i = 0; i < 100000; i++) console.log("line " + i)');
      assert.equal(c.outcome.status, 'error');
      assert.equal(c.outcome.limitExceeded, 'max_events');
      assert.equal(c.outcome.crashed, undefined);
      const lines = consoleLines(c);
      assert.equal(lines.length, 999, 'input_echo counts as the first of 1000 events');
      assert.equal(lines[998].text, 'line 998');
      assert.equal(c.events.length, 1000, 'the system event is not counted against the limit');
      assert.match(systemMessages(c)[0], /^Output limit exceeded: max_events \(1000 events per execution\)/);
      assert.equal(c.events[c.events.length - 1].type, 'system');
      assert.equal(valueOf(await repl(session, '1+1')).json, 2);
      await session.close();
    });

    test('max_output_kb counts payload bytes, input_echo included', async () => {
      const session = await supervisor.start(makeSpec({ limits: { max_output_kb: 2 } }));
      const used = { eventsUsed: 1, bytesUsed: 500 };
      const c = await repl(session, 'for (let i = 0; i < 100; i++) console.log("x".repeat(100))', used);
      assert.equal(c.outcome.limitExceeded, 'max_output_kb');
      const bytes = c.events.filter((e) => e.type !== 'system').reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e.payload)), used.bytesUsed);
      assert.ok(bytes <= 2048, `${bytes} bytes recorded`);
      assert.ok(bytes + 124 > 2048, 'the next line would have crossed');
      assert.match(systemMessages(c)[0], /max_output_kb \(2 KB/);
      await session.close();
    });

    test('the value event itself can be the one that crosses', async () => {
      const session = await supervisor.start(makeSpec({ limits: { max_events: 3 } }));
      const c = await repl(session, 'console.log(1); console.log(2); 5');
      assert.deepEqual(
        consoleLines(c).map((l) => l.text),
        ['1', '2'],
      );
      assert.equal(
        c.events.some((e) => e.type === 'value'),
        false,
      );
      assert.equal(c.outcome.limitExceeded, 'max_events');
      assert.equal(c.outcome.status, 'error');
      await session.close();
    });

    test('code that swallows the limit error is ended by the cpu timeout, still a limit error', async () => {
      const session = await supervisor.start(makeSpec({ limits: { cpu_ms: 200 } }));
      const c = await repl(session, 'for (;;) { try { console.log("again") } catch {} }');
      assert.equal(c.outcome.status, 'error');
      assert.equal(c.outcome.limitExceeded, 'max_events');
      assert.equal(consoleLines(c).length, 999);
      assert.deepEqual(systemMessages(c).length, 1, 'only the limit is reported');
      assert.equal(valueOf(await repl(session, '"usable"')).json, 'usable');
      await session.close();
    });
  });

  describe('big values', () => {
    test('a huge string result is truncated in the guest and kills nothing', async () => {
      const session = await supervisor.start(makeSpec({ limits: { cpu_ms: 2000, wall_ms: 20_000 } }));
      const value = valueOf(await repl(session, "'x'.repeat(5e7)"));
      assert.equal(value.type, 'string');
      assert.ok(value.preview.length <= 1000, `preview length ${value.preview.length}`);
      assert.ok(value.preview.startsWith("'xxxxxxxx"));
      assert.equal(value.json, undefined);
      assert.equal(valueOf(await repl(session, '1+1')).json, 2);
      await session.close();
    });
  });

  describe('responsiveness', () => {
    test("one session spinning does not hold up another or the daemon's event loop", async (t) => {
      // The spinner's budget is out of reach: it runs until the test cancels it, so every check
      // below happens while it spins, whatever the machine's load.
      const [spinner, other] = await Promise.all([supervisor.start(makeSpec({ limits: { cpu_ms: 600_000, wall_ms: 600_000 } })), supervisor.start(makeSpec())]);
      let announced!: () => void;
      const spinStarted = new Promise<void>((resolve) => (announced = resolve));
      const spinning = spinner.run({ kind: 'repl', code: "console.log('spinning'); for (;;) {}" }, echoBudget('spin'), (events) => {
        if (events.some((e) => e.type === 'console')) announced();
      });
      await spinStarted;
      // Event-loop lag while the spinner runs, as a figure: time between setImmediate turns.
      let worstLag = 0;
      let last = performance.now();
      let measuring = true;
      const tick = () => {
        const now = performance.now();
        worstLag = Math.max(worstLag, now - last);
        last = now;
        if (measuring) setImmediate(tick);
      };
      setImmediate(tick);
      // This process's event loop turning at all while the spinner runs is the claim: the
      // other session's answer travels through it.
      const quick = await repl(other, '6 * 7');
      measuring = false;
      t.diagnostic(`worst event-loop lag while spinning: ${worstLag.toFixed(1)} ms`);
      assert.equal(valueOf(quick).json, 42);
      assert.equal(spinner.cancel(), true, 'the spinner was still running when the other session answered');
      const ended = await spinning;
      assert.equal(ended.status, 'cancelled');
      assert.equal(ended.hostLoss, 'cancel');
      assert.equal(valueOf(await repl(other, '"still fine"')).json, 'still fine');
      await Promise.all([spinner.close(), other.close()]);
    });
  });
});
