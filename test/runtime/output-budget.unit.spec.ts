import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { decodeChunks } from '../../libs/runtime/src/event-chunks';
import { guestInspectorSource } from '../../libs/runtime/src/guest/inspector';
import { installGuestRuntime, type GuestControl } from '../../libs/runtime/src/guest/runtime';
import { OutputBudget, payloadBytes } from '../../libs/runtime/src/output-budget';
import type { GuestEvent } from '../../libs/runtime/src/runtime.types';

const consoleEvent = (text: string): GuestEvent => ({ type: 'console', payload: { level: 'log', text } });

describe('OutputBudget', () => {
  test('counts events from what input_echo already used and drops the one that would cross', () => {
    const budget = new OutputBudget({ max_events: 3, max_output_kb: 100 }, { eventsUsed: 1, bytesUsed: 10 });
    assert.equal(budget.admit(consoleEvent('a')), true);
    assert.equal(budget.admit(consoleEvent('b')), true);
    assert.equal(budget.tripped, null);
    assert.equal(budget.admit(consoleEvent('c')), false);
    assert.equal(budget.tripped, 'max_events');
    assert.equal(budget.admit(consoleEvent('d')), false, 'everything after the crossing is dropped');
  });

  test('counts payload bytes against max_output_kb', () => {
    const budget = new OutputBudget({ max_events: 100, max_output_kb: 1 }, { eventsUsed: 0, bytesUsed: 999 });
    assert.equal(budget.admit(consoleEvent('')), true); // {"level":"log","text":""} is 25 bytes
    assert.equal(budget.admit(consoleEvent('')), false);
    assert.equal(budget.tripped, 'max_output_kb');
  });

  test('a limit the guest detected first sticks', () => {
    const budget = new OutputBudget({ max_events: 100, max_output_kb: 100 }, { eventsUsed: 0, bytesUsed: 0 });
    budget.trip('max_output_kb');
    budget.trip('max_events');
    assert.equal(budget.tripped, 'max_output_kb');
    assert.equal(budget.admit(consoleEvent('x')), false);
  });

  test('payloadBytes is Buffer.byteLength of the payload JSON', () => {
    const texts = ['', 'plain', 'quote " backslash \\ newline \n tab \t', 'ünïcödé', 'emoji 😀', '\u0001\u001f', 'x'.repeat(1000)];
    for (const text of texts) {
      for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        const event: GuestEvent = { type: 'console', payload: { level, text } };
        assert.equal(payloadBytes(event), Buffer.byteLength(JSON.stringify(event.payload)), JSON.stringify(text));
      }
    }
    const value: GuestEvent = { type: 'value', payload: { type: 'string', preview: "'é'", json: 'é' } };
    assert.equal(payloadBytes(value), Buffer.byteLength(JSON.stringify(value.payload)));
  });
});

describe('decodeChunks', () => {
  test('keeps order and drops malformed console entries', () => {
    const value: GuestEvent = { type: 'value', payload: { type: 'number', preview: '1', json: 1 } };
    const events = decodeChunks([
      JSON.stringify([['log', 'a'], ['nope', 'b'], ['warn', 3], 'junk', ['error', 'c']]),
      'not json',
      JSON.stringify({ not: 'an array' }),
      value,
      JSON.stringify([['debug', 'd']]),
    ]);
    assert.deepEqual(events, [
      { type: 'console', payload: { level: 'log', text: 'a' } },
      { type: 'console', payload: { level: 'error', text: 'c' } },
      value,
      { type: 'console', payload: { level: 'debug', text: 'd' } },
    ]);
  });
});

describe('guest-side counting agrees with the daemon', () => {
  // The guest runtime, installed from its source text in a fresh realm with a fake emitter.
  function guest(maxEvents: number, maxKb: number, used = { eventsUsed: 1, bytesUsed: 17 }) {
    const context = vm.createContext({});
    const batches: string[] = [];
    const control = vm.runInContext(`(emit, config) => (${installGuestRuntime.toString()})(emit, config, ${guestInspectorSource()})`, context)(
      (json: string) => batches.push(json),
      JSON.stringify({ modules: [], console: true, batchLines: 100, batchChars: 65536 }),
    ) as GuestControl;
    control.beginRun(JSON.stringify({ ...used, maxEvents, maxBytes: maxKb * 1024 }));
    const log = vm.runInContext('(text) => console.log(text)', context) as (text: string) => void;
    return { control, batches, log, used };
  }

  for (const [name, maxEvents, maxKb] of [
    ['max_events', 50, 1000],
    ['max_output_kb', 100000, 2],
  ] as const) {
    test(`the guest stops at the same line the daemon would drop (${name})`, () => {
      const { control, batches, log, used } = guest(maxEvents, maxKb);
      const lines = Array.from({ length: 1000 }, (_, i) => `line ${i} ✓ ü 😀 "q" \\`);
      let stoppedAt = -1;
      for (let i = 0; i < lines.length; i++) {
        try {
          log(lines[i]);
        } catch (err) {
          stoppedAt = i;
          assert.match(String((err as Error).message), new RegExp(`Output limit exceeded \\(${name}\\)`));
          break;
        }
      }
      assert.ok(stoppedAt > 0, 'the guest stopped');
      const drained = JSON.parse(control.drain()) as { lines: unknown[]; tripped: string };
      assert.equal(drained.tripped, name);
      const emitted = decodeChunks([...batches, JSON.stringify(drained.lines)]);
      assert.equal(emitted.length, stoppedAt);
      const daemon = new OutputBudget({ max_events: maxEvents, max_output_kb: maxKb }, used);
      const admitted = lines.map(consoleEvent).findIndex((event) => !daemon.admit(event));
      assert.equal(admitted, stoppedAt);
      assert.equal(daemon.tripped, name);
      assert.throws(() => log('after'), /Output limit exceeded/);
    });
  }
});
