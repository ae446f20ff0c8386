import assert from 'node:assert/strict';
import { test } from 'node:test';
import { traceIdOf } from '@vm-system/http';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

test('a valid traceparent gives its trace id', () => {
  assert.equal(traceIdOf(`00-${TRACE}-00f067aa0ba902b7-01`), TRACE);
  assert.equal(traceIdOf(`00-${TRACE}-00f067aa0ba902b7-00`), TRACE);
  // A later version may carry more fields after the flags.
  assert.equal(traceIdOf(`01-${TRACE}-00f067aa0ba902b7-01-future`), TRACE);
});

test('an invalid or absent traceparent is ignored', () => {
  for (const header of [
    undefined,
    ['a', 'b'],
    '',
    'garbage',
    `00-${TRACE.toUpperCase()}-00f067aa0ba902b7-01`,
    `ff-${TRACE}-00f067aa0ba902b7-01`,
    `00-${TRACE}-00f067aa0ba902b7-01-extra`,
    `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
    `00-${TRACE}-${'0'.repeat(16)}-01`,
    `00-${TRACE.slice(1)}-00f067aa0ba902b7-01`,
  ]) {
    assert.equal(traceIdOf(header), undefined, String(header));
  }
});
