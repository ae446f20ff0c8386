import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { routes } from '@vm-system/contract';
import { DomainError } from '@vm-system/domain';
import { parseBody, parseQuery, pathParam } from '@vm-system/http';

const ID = '0b6f5c1e-0000-4000-8000-00000000abcd';

/** The error a parse throws, as the envelope would carry it. */
function refusal(parse: () => unknown): { code: string; message: string; details?: Record<string, unknown> } {
  try {
    parse();
  } catch (error) {
    assert.ok(error instanceof DomainError, String(error));
    return { code: error.code, message: error.message, details: error.details };
  }
  assert.fail('the input was accepted');
}

describe('request bodies by the contract: shape problems are INVALID_REQUEST, value problems VALIDATION_ERROR', () => {
  test('a valid body comes back parsed: ids lower-cased, null as absent', () => {
    assert.deepEqual(parseBody(routes.forkSession, { at_execution_id: ID.toUpperCase(), worktree_path: null }), { at_execution_id: ID, worktree_path: null });
    assert.deepEqual(parseBody(routes.forkSession, undefined), {}, 'no body is an empty one');
  });

  test('not an object, an unknown field (nested too), a wrong type', () => {
    assert.deepEqual(
      refusal(() => parseBody(routes.createTemplate, ['x'])),
      { code: 'INVALID_REQUEST', message: 'Request body must be a JSON object', details: undefined },
    );
    assert.equal(refusal(() => parseBody(routes.createTemplate, { name: 'x', color: 'red' })).message, 'Unknown field: color');
    assert.equal(refusal(() => parseBody(routes.changeTemplateSettings, { limits: { gpu: 1 } })).message, 'Unknown field: limits.gpu');
    assert.equal(refusal(() => parseBody(routes.createTemplate, { name: 42 })).message, 'Field name must be a string');
    assert.equal(refusal(() => parseBody(routes.addStartupFile, { path: 'a.js', order_index: 1.5 })).message, 'Field order_index must be an integer');
    assert.equal(refusal(() => parseBody(routes.runFile, { session_id: ID, path: 'a.js', args: [1] })).message, 'Field args must be a JSON object');
    assert.equal(refusal(() => parseBody(routes.changeTemplateSettings, { limits: [] })).message, 'Field limits must be a JSON object');
  });

  test('the shape is judged before the values: an unknown field wins over a missing one', () => {
    assert.equal(refusal(() => parseBody(routes.createSession, { template_id: 'nope', x: 1 })).code, 'INVALID_REQUEST');
    assert.equal(refusal(() => parseBody(routes.runRepl, { input: 42 })).code, 'INVALID_REQUEST', 'a wrong type before the missing session_id');
  });

  test('missing, empty, malformed, out of range: VALIDATION_ERROR naming the field', () => {
    assert.deepEqual(
      refusal(() => parseBody(routes.createTemplate, {})),
      { code: 'VALIDATION_ERROR', message: 'Field name is required', details: { field: 'name' } },
    );
    assert.deepEqual(refusal(() => parseBody(routes.createTemplate, { name: null })).details, { field: 'name' });
    assert.equal(refusal(() => parseBody(routes.createTemplate, { name: '  ' })).message, 'Field name must not be empty');
    assert.deepEqual(
      refusal(() => parseBody(routes.forkSession, { at_execution_id: 'nope' })),
      {
        code: 'VALIDATION_ERROR',
        message: 'Field at_execution_id must be a UUID',
        details: { field: 'at_execution_id' },
      },
    );
    assert.equal(refusal(() => parseBody(routes.addCapability, { kind: 'root', name: 'x' })).message, 'Field kind must be one of module, global, fs, net, env');
    assert.equal(refusal(() => parseBody(routes.changeTemplateSettings, { limits: { mem_mb: 4 } })).message, 'Field limits.mem_mb must be at least 8');
    assert.equal(refusal(() => parseBody(routes.changeTemplateSettings, { limits: { max_events: 1_000_001 } })).message, 'Field limits.max_events must be at most 1000000');
    assert.equal(refusal(() => parseBody(routes.issueToken, { name: 'x', scopes: [] })).message, 'Field scopes must name at least one of read, execute, admin');
    assert.deepEqual(refusal(() => parseBody(routes.issueToken, { name: 'x', scopes: ['root'] })).details, { field: 'scopes.0' });
  });
});

describe('query and path parameters: always VALIDATION_ERROR naming the parameter', () => {
  test('defaults, caps and an empty value read as absent', () => {
    assert.deepEqual(parseQuery(routes.executionEvents, {}), { after_seq: 0, limit: 1000, follow: false });
    assert.deepEqual(parseQuery(routes.executionEvents, { after_seq: '7', limit: '99999', follow: 'true', unrelated: 'x' }), { after_seq: 7, limit: 10000, follow: true });
    assert.deepEqual(parseQuery(routes.ledgerEvents, { stream_kind: '', type: '' }), { after_position: 0, limit: 100, follow: false });
  });

  test('required, repeated, malformed, and a rule across two parameters', () => {
    assert.deepEqual(
      refusal(() => parseQuery(routes.listExecutions, {})),
      { code: 'VALIDATION_ERROR', message: 'session_id is required', details: { field: 'session_id' } },
    );
    assert.equal(refusal(() => parseQuery(routes.executionEvents, { after_seq: ['1', '2'] })).message, 'after_seq must be given once');
    assert.equal(refusal(() => parseQuery(routes.executionEvents, { after_seq: '-1' })).message, 'after_seq must be a non-negative integer');
    assert.equal(refusal(() => parseQuery(routes.executionEvents, { limit: '0' })).message, 'limit must be a positive integer');
    assert.equal(refusal(() => parseQuery(routes.executionEvents, { follow: 'yes' })).message, 'follow must be true or false');
    assert.match(refusal(() => parseQuery(routes.listSessions, { status: 'zombie' })).message, /^status must be one of starting, ready, suspended, crashed, closed$/);
    assert.deepEqual(refusal(() => parseQuery(routes.stateAt, { at: '2026-01-01T00:00:00Z', at_position: '3' })).details, { field: 'at' });
    assert.deepEqual(refusal(() => parseQuery(routes.stateAt, { at: 'yesterday-ish' })).details, { field: 'at' });
  });

  test('a path id by its own name', () => {
    assert.equal(pathParam(routes.getSession, 'session_id', ID.toUpperCase()), ID);
    assert.deepEqual(
      refusal(() => pathParam(routes.getSession, 'session_id', 'xyz')),
      {
        code: 'VALIDATION_ERROR',
        message: 'session_id must be a UUID: xyz',
        details: { field: 'session_id' },
      },
    );
    assert.equal(pathParam(routes.ledgerStream, 'stream_id', `SESSION-${ID}`), `session-${ID}`);
  });
});
