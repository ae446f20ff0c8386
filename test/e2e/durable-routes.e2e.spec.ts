// @engines sqlite postgres: the runner runs this file again with its daemons on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HTTP_CONTROLLERS, routeTable } from '@vm-system/http';
import { UNKNOWN_ID } from '../support/assertions';
import { runCli } from '../support/cli';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession } from '../support/fixtures';
import { plainRequest } from '../support/http';

// What these routes answer before they reach a durable-sessions handler: path ids, bodies
// and existence are the adapters' (and the existing queries') to decide. What the
// handlers do (suspend, restore, fork, replay) is covered by the behavioural suite.

const JSON_TYPE = { 'content-type': 'application/json' };

const SESSION_ROUTES = [`/sessions/:id/suspend`, `/sessions/:id/resume`, `/sessions/:id/fork`, `/audit/sessions/:id/replay`];
const EXECUTION_ROUTES: [string, string][] = [
  ['POST', '/executions/:id/cancel'],
  ['GET', '/executions/:id/source'],
];
const at = (route: string, id: string) => route.replace(':id', id);

describe('durable-session routes: ids, bodies and existence', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });

  test('the route table gives each new route the scope the contract names', () => {
    const routes = routeTable(HTTP_CONTROLLERS);
    const access = (method: string, path: string) => routes.find((r) => r.method === method && r.path === `/api/v1${path}`)?.access;
    for (const route of SESSION_ROUTES) assert.equal(access('POST', route), 'execute', route);
    assert.equal(access('POST', '/executions/:id/cancel'), 'execute');
    assert.equal(access('GET', '/executions/:id/source'), 'read');
  });

  test('a malformed id is 400 VALIDATION_ERROR naming the id, and nothing is recorded', async () => {
    const head = (await daemon.client.ledgerHead()).position;
    for (const route of SESSION_ROUTES) {
      const answer = await plainRequest(daemon.url, 'POST', at(route, 'not-a-uuid'));
      assert.equal(answer.status, 400, route);
      assert.equal(answer.json.error.code, 'VALIDATION_ERROR', route);
      assert.equal(answer.json.error.details.field, 'session_id', route);
    }
    for (const [method, route] of EXECUTION_ROUTES) {
      const answer = await plainRequest(daemon.url, method, at(route, 'not-a-uuid'));
      assert.equal(answer.status, 400, route);
      assert.equal(answer.json.error.code, 'VALIDATION_ERROR', route);
      assert.equal(answer.json.error.details.field, 'execution_id', route);
    }
    assert.equal((await daemon.client.ledgerHead()).position, head);
  });

  test('an unknown session or execution is 404 with its code, and nothing is recorded', async () => {
    const head = (await daemon.client.ledgerHead()).position;
    for (const route of SESSION_ROUTES) {
      const answer = await plainRequest(daemon.url, 'POST', at(route, UNKNOWN_ID));
      assert.equal(answer.status, 404, route);
      assert.equal(answer.json.error.code, 'SESSION_NOT_FOUND', route);
      assert.equal(answer.json.error.details.session_id, UNKNOWN_ID, route);
    }
    for (const [method, route] of EXECUTION_ROUTES) {
      const answer = await plainRequest(daemon.url, method, at(route, UNKNOWN_ID));
      assert.equal(answer.status, 404, route);
      assert.equal(answer.json.error.code, 'EXECUTION_NOT_FOUND', route);
      assert.equal(answer.json.error.details.execution_id, UNKNOWN_ID, route);
    }
    assert.equal((await daemon.client.ledgerHead()).position, head);
  });

  test("the source route's errors stay JSON: only a source is text", async () => {
    const answer = await plainRequest(daemon.url, 'GET', `/executions/${UNKNOWN_ID}/source`, { accept: 'text/plain' });
    assert.equal(answer.status, 404);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    assert.equal(answer.json.error.code, 'EXECUTION_NOT_FOUND');
  });

  test('fork body: strict fields and types (400 INVALID_REQUEST), a malformed at_execution_id (400 VALIDATION_ERROR), in the contract order', async () => {
    const fork = (id: string, body: string) => plainRequest(daemon.url, 'POST', `/sessions/${id}/fork`, JSON_TYPE, body);
    const invalid: [string, RegExp][] = [
      ['[]', /Request body must be a JSON object/],
      ['"x"', /Malformed request body/],
      ['{"at_execution_id":42}', /Field at_execution_id must be a string/],
      ['{"worktree_path":["/tmp"]}', /Field worktree_path must be a string/],
      ['{"worktree_path":"/tmp","template_id":"x"}', /Unknown field: template_id/],
      ['{"at":"x"}', /Unknown field: at/],
    ];
    // The body is judged before existence: an unknown parent does not hide a bad body.
    for (const [body, message] of invalid) {
      const answer = await fork(UNKNOWN_ID, body);
      assert.equal(answer.status, 400, body);
      assert.equal(answer.json.error.code, 'INVALID_REQUEST', body);
      assert.match(answer.json.error.message, message, body);
    }
    const malformed = await fork(UNKNOWN_ID, '{"at_execution_id":"nope"}');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'VALIDATION_ERROR');
    assert.equal(malformed.json.error.details.field, 'at_execution_id');
    // The path id comes before the body.
    const both = await fork('nope', '{"at_execution_id":42}');
    assert.equal(both.json.error.code, 'VALIDATION_ERROR');
    assert.equal(both.json.error.details.field, 'session_id');
    // A valid body (or none) reaches the existence check.
    for (const body of ['{}', `{"at_execution_id":"${UNKNOWN_ID}","worktree_path":"/tmp"}`, '{"at_execution_id":null}']) {
      const answer = await fork(UNKNOWN_ID, body);
      assert.equal(answer.status, 404, body);
      assert.equal(answer.json.error.code, 'SESSION_NOT_FOUND', body);
    }
  });

  test('GET /sessions?status=suspended is a filter like the others', async () => {
    const session = await makeSession(daemon.client);
    const suspended = await plainRequest(daemon.url, 'GET', '/sessions?status=suspended');
    assert.equal(suspended.status, 200);
    assert.ok(Array.isArray(suspended.json));
    assert.ok(!suspended.json.some((s: { id: string }) => s.id === session.id), 'a ready session is not listed as suspended');
    const bogus = await plainRequest(daemon.url, 'GET', '/sessions?status=asleep');
    assert.equal(bogus.status, 400);
    assert.equal(bogus.json.error.code, 'VALIDATION_ERROR');
    assert.match(bogus.json.error.message, /suspended/);
  });

  test('the CLI commands send the right route: unknown ids come back as the daemon’s error line, exit 1', async () => {
    const cases: [string[], string][] = [
      [['exec', 'cancel', UNKNOWN_ID], 'EXECUTION_NOT_FOUND'],
      [['exec', 'source', UNKNOWN_ID], 'EXECUTION_NOT_FOUND'],
      [['session', 'suspend', UNKNOWN_ID], 'SESSION_NOT_FOUND'],
      [['session', 'resume', UNKNOWN_ID], 'SESSION_NOT_FOUND'],
      [['session', 'fork', UNKNOWN_ID, '--at', UNKNOWN_ID, '--worktree-path', '/tmp'], 'SESSION_NOT_FOUND'],
      [['audit', 'replay', UNKNOWN_ID], 'SESSION_NOT_FOUND'],
      [['session', 'fork', UNKNOWN_ID, '--at', 'nope'], 'VALIDATION_ERROR'],
    ];
    const results = await Promise.all(cases.map(([args]) => daemon.cli(...args)));
    results.forEach((result, i) => {
      const [args, code] = cases[i];
      assert.equal(result.code, 1, args.join(' '));
      assert.equal(result.stdout, '', args.join(' '));
      assert.match(result.stderr, new RegExp(`^Error: ${code}: `), args.join(' '));
    });
    const json = await daemon.cli('exec', 'source', UNKNOWN_ID, '--output', 'json');
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.stdout).error.code, 'EXECUTION_NOT_FOUND');
    const list = await daemon.cli('session', 'list', '--status', 'suspended', '--output', 'json');
    assert.equal(list.code, 0, list.stderr);
    assert.ok(Array.isArray(JSON.parse(list.stdout)));
  });

  test('help shows the new commands and their flags', async () => {
    const [session, exec, audit, fork] = await Promise.all([
      runCli(['help', 'session']),
      runCli(['help', 'exec']),
      runCli(['audit', '--help']),
      runCli(['help', 'session', 'fork']),
    ]);
    for (const name of ['suspend', 'resume', 'fork']) assert.match(session.stdout, new RegExp(`^\\s+${name} `, 'm'), name);
    for (const name of ['cancel', 'source']) assert.match(exec.stdout, new RegExp(`^\\s+${name} `, 'm'), name);
    assert.match(audit.stdout, /^\s+replay /m);
    assert.match(fork.stdout, /^Usage: vm-system session fork \[options\] <sessionId>/);
    assert.match(fork.stdout, /--at <executionId>/);
    assert.match(fork.stdout, /--worktree-path <path>/);
  });
});
