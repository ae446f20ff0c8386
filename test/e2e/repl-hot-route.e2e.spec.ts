// @engines sqlite postgres: the runner runs this file again with its daemons on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Execution, ExecutionWithEvents } from '@vm-system/contract';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeTemplate, makeWorktree } from '../support/fixtures';
import { PlainResponse, plainRequest } from '../support/http';

const JSON_TYPE = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const UUID = '00000000-0000-4000-8000-000000000000';
/** Answered in front of Express (hot-routes/repl-first.ts) … */
const HOT = '/executions/repl';
/** … and by Express and the Nest route: the same route, spelt with a trailing slash. */
const NEST = '/executions/repl/';

/** What differs between two runs of the same input: ids, clocks, timings. */
function comparable(answer: PlainResponse): unknown {
  const text = JSON.stringify(answer.json)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
    .replace(/"(wall_ms|cpu_ms)":\d+/g, '"$1":<ms>');
  return {
    status: answer.status,
    type: answer.headers['content-type'],
    length: answer.headers['content-length'] !== undefined,
    requestId: answer.headers['x-request-id'] !== undefined,
    node: answer.headers['x-vm-node'],
    body: text,
  };
}

describe('the REPL hot route answers as the Nest route does, behind the same guard', () => {
  let daemon: TestDaemon;
  let sessionId: string;
  let readToken: string;
  let executeToken: string;
  before(async () => {
    daemon = await startDaemon({ auth: true, extraArgs: ['--allowed-origin', 'http://app.example'] });
    readToken = (await daemon.client.createToken({ name: 'reader', scopes: ['read'] })).token;
    executeToken = (await daemon.client.createToken({ name: 'runner', scopes: ['execute'] })).token;
    const templateId = await makeTemplate(daemon.client);
    sessionId = (await daemon.client.createSession({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: makeWorktree() })).id;
  });
  after(async () => {
    await daemon.stop();
  });

  const send = (path: string, body: string, headers: Record<string, string> = {}) =>
    plainRequest(daemon.url, 'POST', path, { ...JSON_TYPE, ...bearer(executeToken), ...headers }, body);

  test('the same answer both ways: values, output, exceptions, wait false, and every kind of bad body', async () => {
    const bodies = [
      JSON.stringify({ session_id: sessionId, input: '1+1' }),
      JSON.stringify({ session_id: sessionId, input: 'console.log("a", {b: [1, 2]}); console.error("é\\u2028"); ({x: 1, y: "two", z: [null, true]})' }),
      JSON.stringify({ session_id: sessionId, input: 'throw new TypeError("no")' }),
      JSON.stringify({ session_id: sessionId, input: 'let q = ' }),
      `\ufeff${JSON.stringify({ session_id: sessionId, input: '"with a byte order mark"' })}`,
      ` \n${JSON.stringify({ session_id: sessionId, input: '2**10' })}\n`,
      JSON.stringify({ session_id: UUID, input: '1' }),
      JSON.stringify({ session_id: 'not-a-uuid', input: '1' }),
      JSON.stringify({ session_id: sessionId }),
      JSON.stringify({ session_id: sessionId, input: '' }),
      JSON.stringify({ session_id: sessionId, input: '1', extra: true }),
      JSON.stringify({ session_id: sessionId, input: 1 }),
      JSON.stringify({ session_id: sessionId, input: '1', wait: 'yes' }),
      '{"session_id": ',
      '{"session_id": "x",}',
      '1',
      '"text"',
      'nul',
      'true',
      '[]',
      '[1, 2',
      '   ',
    ];
    for (const body of bodies) {
      const hot = await send(HOT, body);
      const nest = await send(NEST, body);
      assert.deepEqual(comparable(hot), comparable(nest), body);
      assert.ok(hot.status < 500, `${body}: ${hot.status}`);
    }
  });

  test('wait false: 202 at once with the execution as it is, both ways', async () => {
    const started: PlainResponse[] = [];
    for (const path of [HOT, NEST]) {
      const answer = await send(path, JSON.stringify({ session_id: sessionId, input: '3', wait: false }));
      started.push(answer);
      Execution.parse(answer.json);
      // The session is busy until the run ends: follow it to its end before the next one.
      for await (const item of daemon.client.followExecution(answer.json.id)) if (item.kind === 'end') break;
    }
    assert.equal(started[0].status, 202);
    assert.deepEqual(comparable(started[0]), comparable(started[1]));
  });

  test('a waited-for answer parses with the contract, and equals the execution and its events read back', async () => {
    const answer = await send(HOT, JSON.stringify({ session_id: sessionId, input: 'console.log("hi"); [1, {a: "b"}]' }));
    assert.equal(answer.status, 201);
    ExecutionWithEvents.parse(answer.json);
    const execution = await daemon.client.getExecution(answer.json.id);
    const events = await daemon.client.executionEvents(answer.json.id);
    assert.deepEqual(answer.json, { ...execution, events });
    assert.deepEqual(
      events.map((e: { type: string }) => e.type),
      ['input_echo', 'console', 'value'],
    );
  });

  test('request id, actor and trace id reach the ledger as the route records them', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const headers = { 'x-request-id': 'req-hot-1', 'x-actor': 'mallory', traceparent: `00-${traceId}-b7ad6b7169203331-01` };
    const hot = await send(HOT, JSON.stringify({ session_id: sessionId, input: '7' }), headers);
    const nest = await send(NEST, JSON.stringify({ session_id: sessionId, input: '7' }), { ...headers, 'x-request-id': 'req-nest-1' });
    assert.equal(hot.headers['x-request-id'], 'req-hot-1');
    assert.equal(nest.headers['x-request-id'], 'req-nest-1');
    const metadata = async (executionId: string) => (await daemon.client.ledgerStream(`execution-${executionId}`))[0].metadata;
    const [fromHot, fromNest] = [await metadata(hot.json.id), await metadata(nest.json.id)];
    assert.equal(fromHot.request_id, 'req-hot-1');
    assert.equal(fromHot.actor, 'runner');
    assert.equal(fromHot.claimed_actor, 'mallory');
    assert.equal(fromHot.trace_id, traceId);
    assert.deepEqual({ ...fromHot, request_id: '' }, { ...fromNest, request_id: '' });
  });

  test('the guard comes first: no token, a read-only token, a foreign origin or host, a non-JSON body never run anything', async () => {
    const body = JSON.stringify({ session_id: sessionId, input: 'globalThis.ran = true' });
    const head = (await daemon.client.ledgerHead()).position;
    const refusals: [Record<string, string>, number, string][] = [
      [{ authorization: '' }, 401, 'UNAUTHENTICATED'],
      [bearer(readToken), 403, 'FORBIDDEN'],
      [{ origin: 'http://evil.example' }, 403, 'ORIGIN_NOT_ALLOWED'],
      [{ host: 'evil.example' }, 403, 'HOST_NOT_ALLOWED'],
      [{ 'content-type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [headers, status, code] of refusals) {
      for (const path of [HOT, NEST]) {
        const answer = await send(path, body, headers);
        assert.equal(answer.status, status, `${path} ${JSON.stringify(headers)}`);
        assert.equal(answer.json.error.code, code);
      }
    }
    assert.equal((await daemon.client.ledgerHead()).position, head, 'nothing was recorded');
    const check = await send(HOT, JSON.stringify({ session_id: sessionId, input: 'globalThis.ran === true' }));
    assert.equal(check.json.result.json, false);
    // An allowed origin gets its CORS header on the hot route's answer too.
    const cors = await send(HOT, JSON.stringify({ session_id: sessionId, input: '5' }), { origin: 'http://app.example' });
    assert.equal(cors.status, 201);
    assert.equal(cors.headers['access-control-allow-origin'], 'http://app.example');
  });
});
