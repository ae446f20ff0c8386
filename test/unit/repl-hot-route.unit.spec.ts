import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BadRequestException } from '@nestjs/common';
import { isPlainReplRequest, parseJsonBody } from '@vm-system/http';
import { executionEventRow } from '@vm-system/ledger';
import { ExecutionRow, executionEventsJson, executionView, executionViewJson } from '@vm-system/projections';

const URL = '/api/v1/executions/repl';
const plain = { 'content-type': 'application/json', 'content-length': '40' };

describe('which requests the REPL hot route answers itself', () => {
  test('the route’s own URL with a plain JSON body of a known length', () => {
    assert.equal(isPlainReplRequest('POST', URL, plain), true);
    assert.equal(isPlainReplRequest('POST', URL, { ...plain, 'content-type': 'application/json; charset=UTF-8' }), true);
    assert.equal(isPlainReplRequest('POST', URL, { ...plain, 'content-encoding': 'identity' }), true);
  });

  test('everything else is left to Express and the route', () => {
    const cases: [string, string, Record<string, string>][] = [
      ['GET', URL, plain],
      ['POST', `${URL}/`, plain],
      ['POST', URL.toUpperCase(), plain],
      ['POST', `${URL}?wait=false`, plain],
      ['POST', '/api/v1/executions/run-file', plain],
      ['POST', URL, { 'content-type': 'application/json' }],
      ['POST', URL, { ...plain, 'content-length': '0' }],
      ['POST', URL, { ...plain, 'content-length': String(10 * 1024 * 1024 + 1) }],
      ['POST', URL, { ...plain, 'content-length': '1e3' }],
      ['POST', URL, { ...plain, 'transfer-encoding': 'chunked' }],
      ['POST', URL, { ...plain, 'content-encoding': 'gzip' }],
      ['POST', URL, { ...plain, 'content-type': 'application/json; charset=latin1' }],
      ['POST', URL, { ...plain, 'content-type': 'application/json-seq' }],
      ['POST', URL, { 'content-length': '40' }],
    ];
    for (const [method, url, headers] of cases) assert.equal(isPlainReplRequest(method, url, headers), false, `${method} ${url} ${JSON.stringify(headers)}`);
  });
});

describe('a hot route’s body parse is the body parser’s', () => {
  test('objects and arrays parse; a byte order mark and surrounding whitespace are allowed; nothing is {}', () => {
    assert.deepEqual(parseJsonBody('{"a":1}'), { a: 1 });
    assert.deepEqual(parseJsonBody('\ufeff {"a":[1]}\n'), { a: [1] });
    assert.deepEqual(parseJsonBody('[1]'), [1]);
    assert.deepEqual(parseJsonBody(''), {});
  });

  test('anything else is a 400, worded as body-parser’s strict mode words it', () => {
    const failure = (text: string) => {
      try {
        parseJsonBody(text);
      } catch (error) {
        return { status: (error as BadRequestException).getStatus(), message: (error as Error).message };
      }
      assert.fail(`${text} parsed`);
    };
    for (const text of ['1', '"x"', 'nul', 'true', '   ', '{"a":', '[1,', '{"a":1,}']) assert.equal(failure(text).status, 400, text);
    // The offending text is quoted as given, not as the masked text JSON.parse saw.
    assert.match(failure('  true').message, /true/);
    assert.doesNotMatch(failure('"text"').message, /#/);
    assert.equal(
      failure('{"a":').message,
      (() => {
        try {
          JSON.parse('{"a":');
        } catch (error) {
          return (error as Error).message;
        }
      })(),
    );
  });
});

// What a projection and an append store: the text JSON.stringify wrote.
const json = fc.jsonValue().map((value) => JSON.stringify(value));
const object = fc.dictionary(fc.string(), fc.jsonValue()).map((value) => JSON.stringify(value));
const text = fc.string({ unit: 'grapheme' });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const count = fc.nat({ max: 1_000_000 });
const row: fc.Arbitrary<ExecutionRow> = fc.record({
  id: fc.uuid(),
  session_id: fc.uuid(),
  kind: fc.constantFrom('repl', 'file', 'startup') as fc.Arbitrary<ExecutionRow['kind']>,
  input: optional(text),
  path: optional(text),
  args: object,
  env: object,
  status: fc.constantFrom('running', 'ok', 'error', 'timeout', 'cancelled') as fc.Arbitrary<ExecutionRow['status']>,
  started_at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  ended_at: optional(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
  result: optional(json),
  error: optional(json),
  wall_ms: count,
  cpu_ms: count,
  event_count: count,
  output_bytes: count,
  source_sha256: optional(fc.stringMatching(/^[0-9a-f]{64}$/)),
  recorded_calls: count,
});

describe('answers written from stored JSON text equal JSON.stringify of the parsed views', () => {
  test('an execution', () => {
    fc.assert(
      fc.property(row, (r) => executionViewJson(r) === JSON.stringify(executionView(r))),
      { numRuns: 500 },
    );
  });

  test('an execution’s events', () => {
    const event = fc.record({ seq: fc.integer({ min: 1 }), recorded_at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), type: text, data: json });
    fc.assert(
      fc.property(fc.uuid(), fc.array(event, { maxLength: 20 }), (id, events) => executionEventsJson(id, events) === JSON.stringify(events.map((e) => executionEventRow(id, e)))),
      { numRuns: 500 },
    );
  });
});
