// @engines sqlite postgres: the runner runs this file again with its daemons on PostgreSQL.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ERROR_STATUS, Execution, ExecutionEvent, Route, errorsByStatus, openApiDocument, routes } from '@vm-system/contract';
import { ErrorCodes } from '@vm-system/domain';
import { HTTP_CONTROLLERS, routeTable } from '@vm-system/http';
import { ISO_TIMESTAMP, UNKNOWN_ID } from '../support/assertions';
import { callRoute, documented, expectDocumented, parseWith } from '../support/contract-calls';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeWorktree } from '../support/fixtures';
import { openApiProblems, resolvePointer } from '../support/openapi-structure';
import { REPO_ROOT } from '../support/paths';
import { readSse } from '../support/sse';

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const ALL_ROUTES = Object.values(routes) as Route[];
/** `/sessions/{session_id}` and Nest's `/sessions/:id` alike: the parameters' names differ, the routes do not. */
const shape = (path: string) => path.replace(/\{[^}]+\}|:[A-Za-z_]+/g, '{}');

describe('GET /api/v1/openapi.json: the API described by the schemas that validate it', () => {
  let daemon: TestDaemon;
  let document: any;
  before(async () => {
    daemon = await startDaemon();
    const answer = await callRoute(daemon.url, routes.openApi);
    assert.equal(answer.status, 200, answer.text);
    document = documented(routes.openApi, answer);
  });
  after(async () => {
    await daemon.stop();
  });

  test('the daemon serves the document the contract generates, well-formed OpenAPI 3.1', () => {
    assert.deepEqual(document, openApiDocument(VERSION));
    assert.equal(document.info.version, VERSION);
    assert.deepEqual(openApiProblems(document), []);
  });

  test('the structural check finds what a broken document would have', () => {
    const broken = structuredClone(document);
    broken.paths['/sessions/{session_id}'].get.parameters = [];
    broken.paths['/templates'].post.operationId = 'listTemplates';
    broken.paths['/health'].get.responses['200'].content['application/json'].schema.$ref = '#/components/schemas/Nope';
    assert.deepEqual(openApiProblems(broken).sort(), [
      '#/paths/~1health/get/responses/200/content/application~1json/schema: $ref #/components/schemas/Nope does not resolve',
      'GET /sessions/{session_id}: {session_id} has no path parameter',
      'GET /templates: operationId listTemplates is used twice',
    ]);
  });

  test('every route the daemon serves is documented, and nothing else, with the scope the guard asks', () => {
    const served = routeTable(HTTP_CONTROLLERS).map((r) => `${r.method} ${shape(r.path.replace(/^\/api\/v1/, ''))} ${r.access}`);
    const inDocument = Object.entries<any>(document.paths).flatMap(([path, item]) =>
      Object.entries<any>(item)
        .filter(([field]) => field !== 'servers')
        .map(([method, operation]) => `${method.toUpperCase()} ${shape(path)} ${operation['x-required-scope']}`),
    );
    assert.deepEqual(inDocument.sort(), served.sort());
    assert.equal(served.length, ALL_ROUTES.length);
  });

  test("each route documents its own errors and the guard's, each under the status its code has", () => {
    const envelope = document.components.schemas.ErrorEnvelope;
    assert.deepEqual(envelope.properties.error.properties.code.enum, [...ErrorCodes]);
    for (const route of ALL_ROUTES) {
      const operation = document.paths[route.path][route.method.toLowerCase()];
      const expected = errorsByStatus(route);
      const errorStatuses = Object.keys(operation.responses).filter((status) => !(Number(status) in route.responses));
      assert.deepEqual(errorStatuses.map(Number), [...expected.keys()], `${route.method} ${route.path}`);
      for (const [status, codes] of expected) {
        const [reference, narrowed] = operation.responses[status].content['application/json'].schema.allOf;
        assert.equal(resolvePointer(document, reference.$ref), envelope, `${route.method} ${route.path} ${status}`);
        assert.deepEqual(narrowed.properties.error.properties.code.enum, codes, `${route.method} ${route.path} ${status}`);
        for (const code of codes) {
          assert.equal(ERROR_STATUS[code], status, code);
          assert.match(operation.responses[status].description, new RegExp(`\`${code}\``));
        }
      }
      for (const code of route.errors) assert.ok(expected.get(ERROR_STATUS[code])?.includes(code), `${route.path}: ${code}`);
    }
  });

  test('every documented route answers on the live daemon, and what it answers is documented', async () => {
    const params = {
      template_id: UNKNOWN_ID,
      session_id: UNKNOWN_ID,
      execution_id: UNKNOWN_ID,
      token_id: UNKNOWN_ID,
      id: UNKNOWN_ID,
      name: 'fs',
      stream_id: `session-${UNKNOWN_ID}`,
    };
    for (const route of ALL_ROUTES) {
      // A write gets an empty body: it fails validation or names an unknown id; nothing is made.
      const options = route.method === 'GET' ? {} : route.body?.contentType === 'application/x-ndjson' ? { raw: { type: 'application/x-ndjson', text: '' } } : { body: {} };
      const answer = await callRoute(daemon.url, route, params, options);
      const body = answer.contentType.startsWith('application/json') ? JSON.parse(answer.text || 'null') : null;
      assert.notEqual(body?.error?.code, 'NOT_FOUND', `${route.method} ${route.path} is documented but not served`);
      documented(route, answer);
    }
  });

  test("real answers parse with their routes' documented schemas: a session's whole life", async () => {
    const url = daemon.url;
    // Service and catalog.
    await expectDocumented(200, url, routes.health);
    await expectDocumented(200, url, routes.catalogModules);
    await expectDocumented(200, url, routes.catalogLibraries);

    // A template with everything a template can have.
    const template = await expectDocumented(201, url, routes.createTemplate, {}, { body: { name: `openapi-${process.pid}` } });
    const t = { template_id: template.id };
    await expectDocumented(200, url, routes.changeTemplateSettings, t, { body: { limits: { cpu_ms: 600_000, wall_ms: 600_000, max_events: 50 } } });
    await expectDocumented(201, url, routes.addCapability, t, { body: { kind: 'env', name: 'HOME', config: { read: true } } });
    await expectDocumented(201, url, routes.addStartupFile, t, { body: { path: 'boot.js' } });
    await expectDocumented(201, url, routes.addModule, t, { body: { name: 'FS' } });
    await expectDocumented(201, url, routes.addLibrary, t, { body: { name: 'lodash' } });
    await expectDocumented(200, url, routes.listLibraries, t);
    await expectDocumented(200, url, routes.removeLibrary, { ...t, name: 'lodash' });
    for (const list of [routes.listCapabilities, routes.listStartupFiles, routes.listModules, routes.getTemplate]) await expectDocumented(200, url, list, t);
    await expectDocumented(200, url, routes.listTemplates);

    // A session: startup output, a value, console lines, an exception, a file run with its source.
    const worktree = makeWorktree({ 'boot.js': "console.log('booted')", 'main.js': "console.warn('args', __ARGS__.n); __ARGS__.n * 2", 'bad.js': "throw new TypeError('bad')" });
    const session = await expectDocumented(
      201,
      url,
      routes.createSession,
      {},
      { body: { template_id: template.id, workspace_id: 'w', base_commit_oid: 'c', worktree_path: worktree } },
    );
    const s = { session_id: session.id };
    const repl = await expectDocumented(201, url, routes.runRepl, {}, { body: { session_id: session.id, input: "console.info({ a: [1, 'two'] }); Symbol('s'); 40 + 2" } });
    assert.deepEqual(
      repl.events.map((e: ExecutionEvent) => e.type),
      ['input_echo', 'console', 'value'],
    );
    const thrown = await expectDocumented(201, url, routes.runRepl, {}, { body: { session_id: session.id, input: 'null.x' } });
    assert.equal(thrown.status, 'error');
    const file = await expectDocumented(201, url, routes.runFile, {}, { body: { session_id: session.id, path: 'main.js', args: { n: 21 }, env: { A: '1' } } });
    assert.equal(file.result.json, 42);
    await expectDocumented(201, url, routes.runFile, {}, { body: { session_id: session.id, path: 'bad.js' } });
    assert.equal(await expectDocumented(200, url, routes.executionSource, { execution_id: file.id }), "console.warn('args', __ARGS__.n); __ARGS__.n * 2");
    await expectDocumented(200, url, routes.getExecution, { execution_id: repl.id });
    await expectDocumented(200, url, routes.executionEvents, { execution_id: file.id }, { query: { after_seq: '1' } });
    const executions = await expectDocumented(200, url, routes.listExecutions, {}, { query: { session_id: session.id } });
    assert.ok(executions.some((e: Execution) => e.kind === 'startup'));

    // A live tail's messages are the same wire types: events, then the finished execution.
    const tail = await readSse(url, `/executions/${file.id}/events?follow=true`);
    for (const message of tail.messages) parseWith(message.event === 'end' ? Execution : ExecutionEvent, message.data, `SSE ${message.event}`);
    assert.equal(tail.messages.at(-1)!.event, 'end');

    // A limit crossed: 422 with the execution's id.
    const flood = await expectDocumented(422, url, routes.runRepl, {}, { body: { session_id: session.id, input: 'for (let i = 0; i < 100; i++) console.log(i)' } });
    assert.equal(flood.error.code, 'OUTPUT_LIMIT_EXCEEDED');

    // The session's own life: suspended, resumed by replay, forked, read back, closed.
    const { restores } = await expectDocumented(200, url, routes.getSession, s);
    assert.equal((await expectDocumented(200, url, routes.suspendSession, s)).status, 'suspended');
    assert.equal((await expectDocumented(200, url, routes.resumeSession, s)).restores, restores + 1);
    const fork = await expectDocumented(201, url, routes.forkSession, s, { body: { at_execution_id: file.id } });
    assert.deepEqual(fork.forked_from, { session_id: session.id, execution_id: file.id });
    await expectDocumented(200, url, routes.listSessions, {}, { query: { status: 'ready' } });
    await expectDocumented(200, url, routes.runtimeSummary);
    await expectDocumented(200, url, routes.sessionStory, s);
    const replay = await expectDocumented(200, url, routes.replaySession, s);
    assert.equal(replay.verdict, 'same');
    await expectDocumented(200, url, routes.stateAt, { id: session.id });
    await expectDocumented(200, url, routes.stateAt, { id: `template-${template.id}` }, { query: { at_position: '2' } });
    await expectDocumented(200, url, routes.closeSession, s);
    const another = await expectDocumented(201, url, routes.forkSession, s);
    assert.equal((await expectDocumented(200, url, routes.deleteSession, { session_id: another.id })).status, 'closed');

    // An execution started without waiting (202), then cancelled: the template's budgets are out
    // of reach, so the cancel finds it running. Last for the fork: a cancel restores the
    // session in the background, and nothing here waits for that.
    const running = await expectDocumented(202, url, routes.runRepl, {}, { body: { session_id: fork.id, input: "console.log('spin'); for (;;) {}", wait: false } });
    assert.equal((await expectDocumented(200, url, routes.cancelExecution, { execution_id: running.id })).status, 'cancelled');

    // Tokens, the ledger, the read models.
    const token = await expectDocumented(201, url, routes.issueToken, {}, { body: { name: 'reader', scopes: ['read'], max_live_sessions: 2 } });
    await expectDocumented(200, url, routes.listTokens);
    assert.match((await expectDocumented(200, url, routes.revokeToken, { token_id: token.token_id })).revoked_at, ISO_TIMESTAMP);
    await expectDocumented(200, url, routes.ledgerEvents, {}, { query: { stream_kind: 'session', limit: '500' } });
    await expectDocumented(200, url, routes.ledgerStream, { stream_id: `session-${session.id}` });
    await expectDocumented(200, url, routes.ledgerHead);
    assert.equal((await expectDocumented(200, url, routes.verifyLedger)).ok, true);
    await expectDocumented(200, url, routes.projectionStatus);
    await expectDocumented(200, url, routes.rebuildProjections);
    const lines = await expectDocumented(200, url, routes.rebuildProjections, {}, { query: { progress: 'true' } });
    assert.ok('report' in lines.at(-1));
    await expectDocumented(200, url, routes.deleteTemplate, t);

    // An export is a documented row a line; imported into an empty ledger, it answers its report.
    const exported = await callRoute(url, routes.exportLedger);
    const rows = documented(routes.exportLedger, exported);
    const empty = await startDaemon();
    try {
      const report = await expectDocumented(201, empty.url, routes.importLedger, {}, { raw: { type: 'application/x-ndjson', text: exported.text } });
      assert.equal(report.events, rows.length);
    } finally {
      await empty.stop();
    }
  });
});

describe('the document with auth on', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon({ auth: true });
  });
  after(async () => {
    await daemon.stop();
  });

  test('needs a token with the read scope, as every route but /health; its 401 is the documented one', async () => {
    const refused = await callRoute(daemon.url, routes.openApi);
    assert.equal(refused.status, 401);
    assert.equal(documented(routes.openApi, refused).error.code, 'UNAUTHENTICATED');
    assert.equal((await callRoute(daemon.url, routes.health)).status, 200);
    const answer = await callRoute(daemon.url, routes.openApi, {}, { token: daemon.adminToken });
    assert.equal(answer.status, 200);
    assert.deepEqual(documented(routes.openApi, answer).paths['/health'].get.security, []);
  });
});
