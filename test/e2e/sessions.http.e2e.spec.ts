// @engines sqlite postgres: the runner runs this file again with its daemons on PostgreSQL.
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiError, Execution } from '@vm-system/client';
import { ISO_TIMESTAMP, UNKNOWN_ID, UUID_ONLY, textOf, messageOf } from '../support/assertions';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, makeWorktree, waitFor } from '../support/fixtures';
import { rawRequest } from '../support/http';
import { tempDir } from '../support/paths';

const isApiError = (status: number, code: string) => (e: unknown) => e instanceof ApiError && e.status === status && e.code === code;

describe('sessions and executions over HTTP', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });

  describe('session lifecycle', () => {
    test('create, get, list by status, close twice, runtime summary', async () => {
      const session = await makeSession(daemon.client);
      assert.equal(session.status, 'ready');
      assert.equal(session.workspace_id, 'ws-test');
      assert.equal(session.base_commit_oid, 'abc123');
      assert.equal(session.worktree_path, session.worktree);
      assert.match(session.created_at, ISO_TIMESTAMP);
      assert.match(session.ready_at!, ISO_TIMESTAMP);
      const { worktree: _worktree, ...asCreated } = session;
      assert.deepEqual(await daemon.client.getSession(session.id), asCreated);
      assert.ok((await daemon.client.listSessions('ready')).some((s) => s.id === session.id));
      assert.ok((await daemon.client.runtimeSummary()).active_session_ids.includes(session.id));

      const closed = await daemon.client.closeSession(session.id);
      assert.equal(closed.status, 'closed');
      assert.match(closed.closed_at!, ISO_TIMESTAMP);
      assert.equal(closed.last_error, undefined);
      const again = await daemon.client.closeSession(session.id);
      assert.deepEqual(again, closed, 'closing a closed session changes nothing');
      assert.ok(!(await daemon.client.runtimeSummary()).active_session_ids.includes(session.id));
      assert.ok((await daemon.client.listSessions('closed')).some((s) => s.id === session.id));
      assert.ok(!(await daemon.client.listSessions('ready')).some((s) => s.id === session.id));
      await assert.rejects(daemon.client.repl(session.id, '1'), isApiError(409, 'SESSION_NOT_READY'));

      const deleted = await rawRequest(daemon.url, 'DELETE', `/sessions/${session.id}`);
      assert.equal(deleted.status, 200);
      assert.equal(deleted.json.status, 'closed');
    });

    test('the session keeps its template snapshot after the template changes or goes', async () => {
      const templateId = await makeTemplate(daemon.client, { limits: { cpu_ms: 4321 } });
      const session = await makeSession(daemon.client, { templateId });
      await daemon.client.changeSettings(templateId, { limits: { cpu_ms: 99 } });
      await daemon.client.deleteTemplate(templateId);
      const [started] = await daemon.client.ledgerStream(`session-${session.id}`, 0, 1);
      assert.equal(started.type, 'SessionStarted');
      assert.equal((started.data as any).template.settings.limits.cpu_ms, 4321);
      const run = await daemon.client.repl(session.id, '40 + 2');
      assert.equal(run.result!.json, 42, 'the session still runs');
    });

    test('startup files run in order as startup executions', async () => {
      const templateId = await makeTemplate(daemon.client);
      await daemon.client.addStartupFile(templateId, { path: 'setup/second.js', order_index: 2 });
      await daemon.client.addStartupFile(templateId, { path: 'setup/first.js', order_index: 1 });
      const session = await makeSession(daemon.client, {
        templateId,
        files: { 'setup/first.js': 'globalThis.order = ["first"]; console.log("first ran")', 'setup/second.js': 'order.push("second"); const helper = (x) => x * 2;' },
      });
      assert.equal(session.status, 'ready');
      const executions = await daemon.client.listExecutions(session.id);
      assert.deepEqual(executions.map((e) => [e.kind, e.path, e.status]).reverse(), [
        ['startup', 'setup/first.js', 'ok'],
        ['startup', 'setup/second.js', 'ok'],
      ]);
      const firstEvents = await daemon.client.executionEvents(executions[1].id);
      assert.deepEqual(firstEvents.map((e) => [e.type, e.payload]).slice(0, 2), [
        ['input_echo', { text: 'setup/first.js' }],
        ['console', { level: 'log', text: 'first ran' }],
      ]);
      const run = await daemon.client.repl(session.id, 'order.join(",") + ":" + helper(21)');
      assert.equal(run.result!.json, 'first,second:42');
    });

    for (const [name, files, message] of [
      ['a startup file that throws', { 'boot.js': 'throw new Error("boot exploded")' }, 'Startup file boot.js failed: Error: boot exploded'],
      ['a missing startup file', {}, 'Startup file boot.js failed: File not found in the worktree: boot.js'],
    ] as const) {
      test(`${name} leaves a crashed session and answers 422 STARTUP_FAILED`, async () => {
        const templateId = await makeTemplate(daemon.client);
        await daemon.client.addStartupFile(templateId, { path: 'boot.js' });
        const worktree = makeWorktree(files);
        const error: ApiError = await daemon.client.createSession({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: worktree }).then(
          () => assert.fail('expected STARTUP_FAILED'),
          (e) => e,
        );
        assert.ok(isApiError(422, 'STARTUP_FAILED')(error), String(error));
        assert.equal(error.envelope.error.details?.path, 'boot.js');
        const session = await daemon.client.getSession(error.envelope.error.details!.session_id as string);
        assert.equal(error.message, message);
        assert.equal(session.status, 'crashed');
        assert.equal(session.last_error, message, 'last_error is the message the create answered');
        assert.ok(!(await daemon.client.runtimeSummary()).active_session_ids.includes(session.id));
        assert.ok((await daemon.client.listExecutions(session.id)).every((e) => e.status !== 'running'));
      });
    }
  });

  test('closing a session mid-execution stops it and says why; the session is closed, not crashed', async () => {
    const { id } = await makeSession(daemon.client, { settings: { limits: { wall_ms: 60000 } } });
    const pending = daemon.client.repl(id, 'console.log("waiting"); await new Promise(() => {})');
    const running = await waitFor(async () => (await daemon.client.listExecutions(id)).find((e) => e.status === 'running'), 'the execution to start');
    const closed = await daemon.client.closeSession(id);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.last_error, undefined);
    const answer = await pending;
    assert.equal(answer.status, 'error');
    const events = await daemon.client.executionEvents(running.id);
    const systemEvents = events.filter((e) => e.type === 'system');
    assert.equal(systemEvents.length, 1, JSON.stringify(events));
    assert.match(messageOf(systemEvents[0]), /session was closed/);
    assert.equal((await daemon.client.getExecution(running.id)).status, 'error');
  });

  describe('REPL', () => {
    test('state persists; let/const/class can be redeclared; top-level await works', async () => {
      const { id } = await makeSession(daemon.client);
      assert.equal((await daemon.client.repl(id, 'let counter = 1; counter')).result!.json, 1);
      assert.equal((await daemon.client.repl(id, 'counter += 41')).result!.json, 42);
      assert.equal((await daemon.client.repl(id, 'let counter = 7; const c = 1; class K {}; counter')).result!.json, 7);
      assert.equal((await daemon.client.repl(id, 'const c = 2; class K { x() { return c } }; new K().x()')).result!.json, 2);
      assert.equal((await daemon.client.repl(id, 'await Promise.resolve(6) * 7')).result!.json, 42);
      assert.equal((await daemon.client.repl(id, 'const later = await Promise.resolve("kept"); later')).result!.json, 'kept');
      assert.equal((await daemon.client.repl(id, 'later')).result!.json, 'kept');
    });

    test('events: input_echo, console lines with levels, the value; seq from 1', async () => {
      const { id } = await makeSession(daemon.client);
      const run = await daemon.client.repl(id, 'console.log("a", 1, {b: 2}); console.warn("careful"); console.error(new Error("shown").message); ({ answer: 42 })');
      assert.equal(run.status, 'ok');
      assert.deepEqual(
        run.events.map((e) => e.seq),
        [1, 2, 3, 4, 5],
      );
      assert.deepEqual(
        run.events.map((e) => [e.type, e.payload]),
        [
          ['input_echo', { text: run.input }],
          ['console', { level: 'log', text: 'a 1 { b: 2 }' }],
          ['console', { level: 'warn', text: 'careful' }],
          ['console', { level: 'error', text: 'shown' }],
          ['value', { type: 'object', preview: '{ answer: 42 }', json: { answer: 42 } }],
        ],
      );
      assert.deepEqual(run.result, run.events[4].payload);
      assert.deepEqual(run.metrics.event_count, 5);
      const payloadBytes = run.events.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e.payload)), 0);
      assert.equal(run.metrics.output_bytes, payloadBytes, 'output_bytes counts the payloads, input_echo included');
      assert.match(run.started_at, ISO_TIMESTAMP);
      assert.match(run.ended_at!, ISO_TIMESTAMP);
      const { events: _events, ...withoutEvents } = run;
      assert.deepEqual(await daemon.client.getExecution(run.id), withoutEvents);
      assert.deepEqual(
        (await daemon.client.executionEvents(run.id, 3)).map((e) => e.seq),
        [4, 5],
      );
      assert.deepEqual(await daemon.client.executionEvents(run.id, 5), []);
    });

    test('a JavaScript exception is a 201 with status error, naming repl in its stack', async () => {
      const { id } = await makeSession(daemon.client);
      const run = await daemon.client.repl(id, 'function boom() { throw new TypeError("bad thing") }\nboom()');
      assert.equal(run.status, 'error');
      assert.equal(run.error!.message, 'TypeError: bad thing');
      assert.match(run.error!.stack!, /boom/);
      assert.match(run.error!.stack!, /repl/);
      const syntax = await daemon.client.repl(id, 'let = ;');
      assert.equal(syntax.status, 'error');
      assert.match(syntax.error!.message, /SyntaxError/);
      assert.equal((await daemon.client.repl(id, '"still fine"')).result!.json, 'still fine');
    });

    test('require exists and refuses modules the template does not enable', async () => {
      const { id } = await makeSession(daemon.client);
      const run = await daemon.client.repl(id, 'require("child_process")');
      assert.equal(run.status, 'error');
      assert.match(run.error!.message, /Invalid module: child_process/);
      assert.equal((await daemon.client.repl(id, 'typeof process + typeof require + typeof setTimeout')).result!.json, 'undefinedfunctionundefined');
    });
  });

  describe('run-file', () => {
    test('runs a worktree file with __ARGS__ and __ENV__; stacks name the file', async () => {
      const { id } = await makeSession(daemon.client, {
        files: { 'scripts/main.js': 'console.log("args", JSON.stringify(__ARGS__), __ENV__.MODE);\n__ARGS__.n * 2', 'scripts/bad.js': '\n\nnull.x' },
      });
      const run = await daemon.client.runFile(id, 'scripts/main.js', { args: { n: 21 }, env: { MODE: 'test' } });
      assert.equal(run.kind, 'run_file');
      assert.equal(run.path, 'scripts/main.js');
      assert.deepEqual(run.args, { n: 21 });
      assert.deepEqual(run.env, { MODE: 'test' });
      assert.deepEqual(run.events[0].payload, { text: 'scripts/main.js' });
      assert.equal(textOf(run.events[1]), 'args {"n":21} test');
      assert.equal(run.result!.json, 42);
      const bad = await daemon.client.runFile(id, 'scripts/bad.js');
      assert.equal(bad.status, 'error');
      assert.match(bad.error!.stack!, /scripts\/bad\.js:3/);
      assert.deepEqual((await daemon.client.runFile(id, 'scripts/main.js', { args: { n: 1 } })).args, { n: 1 });
    });

    test('path guard: absolute, .. and symlink escapes are INVALID_PATH; missing is FILE_NOT_FOUND; nothing runs', async () => {
      const outside = tempDir('vm-system-outside-');
      const session = await makeSession(daemon.client, { files: { 'ok.js': '1' } });
      symlinkSync(outside, join(session.worktree, 'escape'));
      symlinkSync(join(session.worktree, 'ok.js'), join(session.worktree, 'inside-link.js'));
      const before = (await daemon.client.listExecutions(session.id)).length;
      for (const [path, status, code] of [
        ['/etc/passwd', 422, 'INVALID_PATH'],
        ['../outside.js', 422, 'INVALID_PATH'],
        ['escape/x.js', 422, 'INVALID_PATH'],
        ['nope.js', 404, 'FILE_NOT_FOUND'],
        ['.', 404, 'FILE_NOT_FOUND'],
      ] as const) {
        await assert.rejects(daemon.client.runFile(session.id, path), isApiError(status, code), path);
      }
      assert.equal((await daemon.client.listExecutions(session.id)).length, before, 'no execution recorded');
      assert.equal((await daemon.client.runFile(session.id, 'inside-link.js')).status, 'ok', 'a symlink inside the worktree is fine');
    });
  });

  describe('SESSION_BUSY and responsiveness', () => {
    test('a second execution while one runs is refused; the daemon and other sessions answer meanwhile', async () => {
      // Budgets out of reach: the spin runs until the test cancels it, so each check below
      // happens while it runs, however loaded the machine.
      const busy = await makeSession(daemon.client, { settings: { limits: { cpu_ms: 600_000, wall_ms: 600_000 } } });
      const other = await makeSession(daemon.client);
      const running = await daemon.client.startRepl(busy.id, 'while (true) {}');
      assert.equal(running.status, 'running');
      await assert.rejects(daemon.client.repl(busy.id, '1'), (e: ApiError) => isApiError(409, 'SESSION_BUSY')(e) && e.envelope.error.details?.session_id === busy.id);
      assert.deepEqual(await daemon.client.health(), { status: 'ok' });
      assert.equal((await daemon.client.repl(other.id, '2 + 2')).result!.json, 4);
      assert.equal((await daemon.client.getExecution(running.id)).status, 'running', 'all of that happened while the spin ran');
      assert.equal((await daemon.client.cancelExecution(running.id)).status, 'cancelled');
      assert.equal((await daemon.client.getExecution(running.id)).status, 'cancelled');
      assert.equal((await daemon.client.getSession(busy.id)).status, 'ready');
      assert.equal((await daemon.client.repl(busy.id, '"usable"')).result!.json, 'usable');
    });
  });

  describe('bad input', () => {
    let session: Awaited<ReturnType<typeof makeSession>>;
    let templateId: string;
    before(async () => {
      session = await makeSession(daemon.client);
      templateId = await makeTemplate(daemon.client);
    });
    const body = (o: Record<string, unknown>) => JSON.stringify(o);
    const cases: [string, string, () => string, (() => string) | undefined, number, string][] = [
      ['session: missing fields', 'POST', () => '/sessions', () => body({ template_id: templateId }), 400, 'VALIDATION_ERROR'],
      [
        'session: unknown field',
        'POST',
        () => '/sessions',
        () => body({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/tmp', x: 1 }),
        400,
        'INVALID_REQUEST',
      ],
      [
        'session: bad template id',
        'POST',
        () => '/sessions',
        () => body({ template_id: 'nope', workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/tmp' }),
        400,
        'VALIDATION_ERROR',
      ],
      [
        'session: unknown template',
        'POST',
        () => '/sessions',
        () => body({ template_id: UNKNOWN_ID, workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/tmp' }),
        404,
        'TEMPLATE_NOT_FOUND',
      ],
      [
        'session: relative worktree',
        'POST',
        () => '/sessions',
        () => body({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: 'rel/dir' }),
        422,
        'INVALID_PATH',
      ],
      [
        'session: missing worktree',
        'POST',
        () => '/sessions',
        () => body({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/no/such/dir' }),
        422,
        'INVALID_PATH',
      ],
      [
        'session: worktree is a file',
        'POST',
        () => '/sessions',
        () => body({ template_id: templateId, workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/etc/hostname' }),
        422,
        'INVALID_PATH',
      ],
      ['session: unknown', 'GET', () => `/sessions/${UNKNOWN_ID}`, undefined, 404, 'SESSION_NOT_FOUND'],
      ['session: bad id', 'GET', () => '/sessions/xyz', undefined, 400, 'VALIDATION_ERROR'],
      ['session: bad status filter', 'GET', () => '/sessions?status=zombie', undefined, 400, 'VALIDATION_ERROR'],
      ['close: unknown', 'POST', () => `/sessions/${UNKNOWN_ID}/close`, undefined, 404, 'SESSION_NOT_FOUND'],
      ['repl: unknown session', 'POST', () => '/executions/repl', () => body({ session_id: UNKNOWN_ID, input: '1' }), 404, 'SESSION_NOT_FOUND'],
      ['repl: missing input', 'POST', () => '/executions/repl', () => body({ session_id: session.id }), 400, 'VALIDATION_ERROR'],
      ['repl: input not a string', 'POST', () => '/executions/repl', () => body({ session_id: session.id, input: 42 }), 400, 'INVALID_REQUEST'],
      ['run-file: args not an object', 'POST', () => '/executions/run-file', () => body({ session_id: session.id, path: 'a.js', args: [1] }), 400, 'INVALID_REQUEST'],
      ['executions: no session_id', 'GET', () => '/executions', undefined, 400, 'VALIDATION_ERROR'],
      ['executions: unknown session', 'GET', () => `/executions?session_id=${UNKNOWN_ID}`, undefined, 404, 'SESSION_NOT_FOUND'],
      ['executions: bad limit', 'GET', () => `/executions?session_id=${session.id}&limit=0`, undefined, 400, 'VALIDATION_ERROR'],
      ['execution: unknown', 'GET', () => `/executions/${UNKNOWN_ID}`, undefined, 404, 'EXECUTION_NOT_FOUND'],
      ['events: unknown execution', 'GET', () => `/executions/${UNKNOWN_ID}/events`, undefined, 404, 'EXECUTION_NOT_FOUND'],
      ['events: bad after_seq', 'GET', () => `/executions/${UNKNOWN_ID}/events?after_seq=x`, undefined, 400, 'VALIDATION_ERROR'],
      ['events: bad execution id', 'GET', () => '/executions/xyz/events', undefined, 400, 'VALIDATION_ERROR'],
      ['events: bad limit', 'GET', () => `/executions/${UNKNOWN_ID}/events?limit=0`, undefined, 400, 'VALIDATION_ERROR'],
      ['events: repeated after_seq', 'GET', () => `/executions/${UNKNOWN_ID}/events?after_seq=1&after_seq=2`, undefined, 400, 'VALIDATION_ERROR'],
    ];
    for (const [name, method, path, makeBody, status, code] of cases) {
      test(name, async () => {
        const response = await rawRequest(daemon.url, method, path(), makeBody?.());
        assert.equal(response.status, status, JSON.stringify(response.json));
        assert.equal(response.json.error.code, code);
      });
    }
  });

  describe('events pages', () => {
    test('a page request that carries a body is parsed like any request: bad JSON is INVALID_REQUEST', async () => {
      const { id } = await makeSession(daemon.client);
      const run = await daemon.client.repl(id, '1');
      // fetch refuses a body on GET; node:http sends one as a client may.
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(`${daemon.url}/api/v1/executions/${run.id}/events`);
        const req = request(url, { method: 'GET', headers: { 'content-type': 'application/json', 'content-length': '9' } }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.end('{not json');
      });
      assert.equal(answer.status, 400, answer.body);
      assert.equal(JSON.parse(answer.body).error.code, 'INVALID_REQUEST');
    });

    // A plain page is answered in front of Express (libs/http/src/hot-routes); a request with
    // any other parameter goes through Nest's route. Both must say the same.
    test("a plain page and the same page through the route answer alike, with the caller's request id", async () => {
      const { id } = await makeSession(daemon.client);
      const run = await daemon.client.repl(id, 'for (let i = 0; i < 30; i++) console.log("line " + i)');
      for (const query of ['', '?after_seq=10', '?after_seq=10&limit=5', '?limit=3', '?after_seq=999']) {
        const plain = await rawRequest(daemon.url, 'GET', `/executions/${run.id}/events${query}`, undefined, { 'x-request-id': 'page-probe-1' });
        const routed = await rawRequest(daemon.url, 'GET', `/executions/${run.id}/events${query}${query ? '&' : '?'}unrelated=1`);
        assert.equal(plain.status, 200, query);
        assert.deepEqual(plain.json, routed.json, query);
        assert.equal(plain.headers.get('content-type'), routed.headers.get('content-type'));
        assert.equal(plain.headers.get('x-request-id'), 'page-probe-1');
        assert.match(routed.headers.get('x-request-id')!, UUID_ONLY, 'a fresh UUID when the caller sent none');
        for (const response of [plain, routed]) {
          assert.equal(response.headers.get('etag'), null);
          assert.equal(response.headers.get('x-powered-by'), null);
        }
      }
      const page = await rawRequest(daemon.url, 'GET', `/executions/${run.id}/events?after_seq=10&limit=5`);
      assert.deepEqual(
        page.json.map((e: { seq: number }) => e.seq),
        [11, 12, 13, 14, 15],
      );
      assert.deepEqual(page.json[0].payload, { level: 'log', text: 'line 9' });
    });
  });

  test('executions list newest first and honours limit', async () => {
    const { id } = await makeSession(daemon.client);
    const runs: Execution[] = [];
    for (const code of ['1', '2', '3']) runs.push(await daemon.client.repl(id, code));
    assert.deepEqual(
      (await daemon.client.listExecutions(id)).map((e) => e.id),
      runs.map((r) => r.id).reverse(),
    );
    assert.deepEqual(
      (await daemon.client.listExecutions(id, 2)).map((e) => e.id),
      [runs[2].id, runs[1].id],
    );
  });
});
