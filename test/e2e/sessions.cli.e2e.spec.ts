import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UNKNOWN_ID, UUID, assertTable, cliRuns } from '../support/assertions';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, makeWorktree } from '../support/fixtures';

describe('sessions, executions and ops through the CLI', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startDaemon();
  });
  after(async () => {
    await daemon.stop();
  });
  const { human, json } = cliRuns(() => daemon);

  /**
   * A failing run, plain and with --output json (in parallel unless told otherwise): exit status 1
   * for an error the daemon answered, 2 for a flag the CLI refused without asking it; exactly one
   * stderr line `Error: CODE: message` (so no stack trace), the envelope on stdout with
   * --output json and nothing on stdout without. Answers the envelope.
   */
  const fails = async (args: string[], code: string, { sequential = false, exit = 1 } = {}) => {
    const [plain, asJson] = sequential
      ? [await daemon.cli(...args), await daemon.cli(...args, '--output', 'json')]
      : await Promise.all([daemon.cli(...args), daemon.cli(...args, '--output', 'json')]);
    assert.equal(plain.code, exit, plain.stderr);
    assert.equal(asJson.code, exit, asJson.stderr);
    assert.equal(plain.stdout, '');
    const envelope = JSON.parse(asJson.stdout);
    assert.equal(envelope.error.code, code, asJson.stdout);
    const line = `Error: ${code}: ${envelope.error.message}\n`;
    assert.equal(plain.stderr, line);
    assert.equal(asJson.stderr, line);
    return envelope.error as { code: string; message: string; details?: Record<string, any> };
  };
  /** `vm-system session create` flags for a template and a worktree. */
  const createFlags = (templateId: string, worktree: string) => [
    'session',
    'create',
    '--template-id',
    templateId,
    '--workspace-id',
    'ws-cli',
    '--base-commit',
    'abc123',
    '--worktree-path',
    worktree,
  ];

  describe('session', () => {
    test('create prints the id and the session lines; --output json is the REST view', async () => {
      const templateId = await makeTemplate(daemon.client);
      const worktree = makeWorktree();
      const lines = (await human(...createFlags(templateId, worktree))).split('\n');
      const id = new RegExp(`^Created session: (${UUID})$`).exec(lines[0])?.[1];
      assert.ok(id, lines[0]);
      assert.deepEqual(lines.slice(1, 6), ['Status: ready', `Template ID: ${templateId}`, 'Workspace ID: ws-cli', 'Base Commit: abc123', `Worktree Path: ${worktree}`]);
      assert.equal((await daemon.client.getSession(id)).status, 'ready');

      const created = await json(...createFlags(templateId, worktree));
      assert.notEqual(created.id, id);
      assert.deepEqual(created, await daemon.client.getSession(created.id));
    });

    test('a startup file that throws: STARTUP_FAILED naming the file, and a crashed session', async () => {
      const templateId = await makeTemplate(daemon.client);
      await daemon.client.addStartupFile(templateId, { path: 'boot/init.js' });
      const worktree = makeWorktree({ 'boot/init.js': 'throw new Error("boot exploded")' });
      const error = await fails(createFlags(templateId, worktree), 'STARTUP_FAILED');
      assert.match(error.message, /boot\/init\.js.*boot exploded/);
      assert.equal(error.details?.path, 'boot/init.js');
      const lines = (await human('session', 'get', error.details!.session_id)).split('\n');
      assert.equal(lines[1], 'Status: crashed');
      assert.ok(
        lines.some((l) => /^Last Error: .*boot\/init\.js/.test(l)),
        lines.join('\n'),
      );
    });

    test('list: a table newest first; --status filters; --output json is the REST answer', async () => {
      const ready = await makeSession(daemon.client);
      const closed = await makeSession(daemon.client);
      await daemon.client.closeSession(closed.id);
      const [all, onlyReady, onlyClosed, asJson] = await Promise.all([
        human('session', 'list'),
        human('session', 'list', '--status', 'ready'),
        human('session', 'list', '--status', 'closed'),
        json('session', 'list'),
      ]);
      const headers = ['ID', 'STATUS', 'TEMPLATE', 'WORKSPACE', 'CREATED'];
      const rows = async (status?: string) => (await daemon.client.listSessions(status)).map((s) => [s.id, s.status, s.template_id, s.workspace_id, s.created_at]);
      assertTable(all, headers, await rows());
      assertTable(onlyReady, headers, await rows('ready'));
      assertTable(onlyClosed, headers, await rows('closed'));
      const ids = (stdout: string) =>
        stdout
          .split('\n')
          .slice(1)
          .map((l) => l.split(' ')[0]);
      assert.ok(ids(all).indexOf(closed.id) < ids(all).indexOf(ready.id), 'newest first');
      assert.deepEqual([ids(onlyReady).includes(ready.id), ids(onlyReady).includes(closed.id)], [true, false]);
      assert.deepEqual([ids(onlyClosed).includes(ready.id), ids(onlyClosed).includes(closed.id)], [false, true]);
      assert.deepEqual(asJson, await daemon.client.listSessions());
    });

    test('list on a fresh daemon says No sessions found', async () => {
      const empty = await startDaemon();
      try {
        const [plain, asJson] = await Promise.all([empty.cli('session', 'list'), empty.cli('session', 'list', '--output', 'json')]);
        assert.deepEqual(plain, { code: 0, stdout: 'No sessions found\n', stderr: '' });
        assert.deepEqual([asJson.code, JSON.parse(asJson.stdout)], [0, []]);
      } finally {
        await empty.stop();
      }
    });

    test('get shows the session; --output json equals the REST view', async () => {
      const { id, template_id, worktree } = await makeSession(daemon.client);
      const [plain, asJson] = await Promise.all([human('session', 'get', id), json('session', 'get', id)]);
      const session = await daemon.client.getSession(id);
      assert.equal(
        plain,
        [
          `ID: ${id}`,
          'Status: ready',
          `Template ID: ${template_id}`,
          'Workspace ID: ws-test',
          'Base Commit: abc123',
          `Worktree Path: ${worktree}`,
          `Created At: ${session.created_at}`,
          `Ready At: ${session.ready_at}`,
          '',
        ].join('\n'),
      );
      assert.deepEqual(asJson, session);
    });

    test('close prints the id, twice is fine; ops runtime-summary reflects create and close', async () => {
      const { id } = await makeSession(daemon.client);
      const summary = async () => {
        const stdout = await human('ops', 'runtime-summary');
        const answer = JSON.parse(stdout);
        assert.equal(stdout, `${JSON.stringify(answer, null, 2)}\n`, 'the JSON answer, indented');
        assert.equal(answer.active_sessions, answer.active_session_ids.length);
        return answer.active_session_ids as string[];
      };
      const [alive, asJson] = await Promise.all([summary(), json('ops', 'runtime-summary')]);
      assert.ok(alive.includes(id));
      assert.deepEqual(asJson.active_session_ids, alive);

      assert.equal(await human('session', 'close', id), `Closed session: ${id}\n`);
      assert.equal(await human('session', 'close', id), `Closed session: ${id}\n`, 'closing a closed session is fine');
      const closed = await json('session', 'close', id);
      assert.deepEqual([closed.status, closed], ['closed', await daemon.client.getSession(id)]);
      assert.ok(!(await summary()).includes(id));
    });
  });

  describe('exec', () => {
    test('repl prints id, status, result and events; state persists across CLI calls; --output json is the REST answer', async () => {
      const { id } = await makeSession(daemon.client);
      const stdout = await human('exec', 'repl', id, 'let x = 40; console.log("hi", {a: 1}); x + 1');
      const executionId = new RegExp(`^Execution ID: (${UUID})\n`).exec(stdout)?.[1];
      assert.ok(executionId, stdout);
      assert.equal(
        stdout,
        [
          `Execution ID: ${executionId}`,
          'Status: ok',
          'Result: {"type":"number","preview":"41","json":41}',
          '',
          'Events:',
          '[1] input_echo: {"text":"let x = 40; console.log(\\"hi\\", {a: 1}); x + 1"}',
          '[2] console: {"level":"log","text":"hi { a: 1 }"}',
          '[3] value: {"type":"number","preview":"41","json":41}',
          '',
        ].join('\n'),
      );
      assert.equal((await daemon.client.getExecution(executionId)).session_id, id);

      assert.equal((await human('exec', 'repl', id, 'x * 2')).split('\n')[2], 'Result: {"type":"number","preview":"80","json":80}');
      const asJson = await json('exec', 'repl', id, 'x + 2');
      assert.equal(asJson.result!.json, 42);
      assert.deepEqual(asJson, { ...(await daemon.client.getExecution(asJson.id)), events: await daemon.client.executionEvents(asJson.id) });
    });

    test('repl with an exception: Status error, the exception payload, exit 0', async () => {
      const { id } = await makeSession(daemon.client);
      const lines = (await human('exec', 'repl', id, 'throw new TypeError("bad thing")')).split('\n');
      const execution = await daemon.client.getExecution(lines[0].slice('Execution ID: '.length));
      assert.equal(execution.error!.message, 'TypeError: bad thing');
      const exception = JSON.stringify(execution.error);
      assert.deepEqual(lines, [
        `Execution ID: ${execution.id}`,
        'Status: error',
        `Error: ${exception}`,
        '',
        'Events:',
        '[1] input_echo: {"text":"throw new TypeError(\\"bad thing\\")"}',
        `[2] exception: ${exception}`,
        '',
      ]);
    });

    test('run-file passes --args and --env to the script', async () => {
      const script = 'console.log(JSON.stringify(__ARGS__), __ENV__.A);\n(__ARGS__.n ?? 1) * 21';
      const { id } = await makeSession(daemon.client, { files: { 'scripts/main.js': script } });
      const withArgs = await human('exec', 'run-file', id, 'scripts/main.js', '--args', '{"n":2}', '--env', '{"A":"b"}');
      const executionId = withArgs.split('\n')[0].slice('Execution ID: '.length);
      assert.equal(
        withArgs,
        [
          `Execution ID: ${executionId}`,
          'Status: ok',
          'Result: {"type":"number","preview":"42","json":42}',
          `Source SHA256: ${createHash('sha256').update(script).digest('hex')}`,
          '',
          'Events:',
          '[1] input_echo: {"text":"scripts/main.js"}',
          '[2] console: {"level":"log","text":"{\\"n\\":2} b"}',
          '[3] value: {"type":"number","preview":"42","json":42}',
          '',
        ].join('\n'),
      );
      const execution = await daemon.client.getExecution(executionId);
      assert.deepEqual([execution.kind, execution.path, execution.args, execution.env], ['run_file', 'scripts/main.js', { n: 2 }, { A: 'b' }]);
      const plain = await json('exec', 'run-file', id, 'scripts/main.js');
      assert.deepEqual([plain.args, plain.env, plain.result!.json], [{}, {}, 21]);
      assert.deepEqual(plain, { ...(await daemon.client.getExecution(plain.id)), events: await daemon.client.executionEvents(plain.id) });
    });

    test('list (--limit), get and events (--after-seq really skips; No events found after the last)', async () => {
      const { id } = await makeSession(daemon.client);
      const runs = [];
      for (const code of ['1', 'console.log("two"); 2', 'console.info("a"); console.warn("b"); 3']) runs.push(await daemon.client.repl(id, code));
      const last = runs[2];
      const [list, limited, listJson, get, getJson, events, paged, done, eventsJson] = await Promise.all([
        human('exec', 'list', id),
        human('exec', 'list', id, '--limit', '2'),
        json('exec', 'list', id),
        human('exec', 'get', last.id),
        json('exec', 'get', last.id),
        human('exec', 'events', last.id),
        human('exec', 'events', last.id, '--after-seq', '2'),
        human('exec', 'events', last.id, '--after-seq', '4'),
        json('exec', 'events', last.id, '--after-seq', '3'),
      ]);
      const executions = await daemon.client.listExecutions(id);
      assert.deepEqual(
        executions.map((e) => e.id),
        runs.map((r) => r.id).reverse(),
        'newest first',
      );
      assert.deepEqual(
        executions.map((e) => e.metrics.event_count),
        [4, 3, 2],
      );
      const row = (e: (typeof executions)[number]) => [e.id, e.kind, e.status, e.started_at, String(e.metrics.event_count), e.input!];
      const listHeaders = ['ID', 'KIND', 'STATUS', 'STARTED', 'EVENTS', 'INPUT'];
      assertTable(list, listHeaders, executions.map(row));
      assertTable(limited, listHeaders, executions.slice(0, 2).map(row));
      assert.deepEqual(listJson, executions);

      const { events: all, ...execution } = last;
      assert.deepEqual(getJson, execution);
      const getLines = get.split('\n');
      assert.deepEqual(getLines.slice(0, 5), [`ID: ${last.id}`, `Session ID: ${id}`, 'Kind: repl', 'Status: ok', `Input: ${last.input}`]);
      assert.ok(getLines.includes('Result: {"type":"number","preview":"3","json":3}'), get);

      assert.deepEqual(
        all.map((e) => e.seq),
        [1, 2, 3, 4],
      );
      const eventRow = (e: (typeof all)[number]) => [String(e.seq), e.type, e.ts, JSON.stringify(e.payload)];
      assertTable(events, ['SEQ', 'TYPE', 'TS', 'PAYLOAD'], all.map(eventRow));
      assertTable(paged, ['SEQ', 'TYPE', 'TS', 'PAYLOAD'], all.slice(2).map(eventRow));
      assert.equal(done, 'No events found\n');
      assert.deepEqual(eventsJson, all.slice(3));
    });

    test('crossing max_events: OUTPUT_LIMIT_EXCEEDED with details.execution_id; the session stays ready', async () => {
      const { id } = await makeSession(daemon.client, { settings: { limits: { max_events: 3 } } });
      // one after the other: two executions at once in one session would be SESSION_BUSY
      const error = await fails(['exec', 'repl', id, 'for (let i = 0; i < 10; i++) console.log(i)'], 'OUTPUT_LIMIT_EXCEEDED', { sequential: true });
      const execution = await daemon.client.getExecution(error.details!.execution_id);
      assert.deepEqual([execution.session_id, execution.status], [id, 'error']);
      assert.equal((await daemon.client.getSession(id)).status, 'ready');
    });
  });

  describe('errors: exit 1 (2 for a refused flag), one line `Error: CODE: message`, the envelope with --output json', () => {
    let session: Awaited<ReturnType<typeof makeSession>>;
    let closedId: string;
    before(async () => {
      session = await makeSession(daemon.client, { files: { 'ok.js': '1' } });
      closedId = (await makeSession(daemon.client)).id;
      await daemon.client.closeSession(closedId);
    });

    const cases: [string, () => string[], string, exit: 1 | 2][] = [
      ['unknown session (session get)', () => ['session', 'get', UNKNOWN_ID], 'SESSION_NOT_FOUND', 1],
      ['unknown session (exec repl)', () => ['exec', 'repl', UNKNOWN_ID, '1'], 'SESSION_NOT_FOUND', 1],
      ['unknown execution (exec events)', () => ['exec', 'events', UNKNOWN_ID], 'EXECUTION_NOT_FOUND', 1],
      ['repl in a closed session', () => ['exec', 'repl', closedId, '1'], 'SESSION_NOT_READY', 1],
      ['bad UUID (session get)', () => ['session', 'get', 'not-a-uuid'], 'VALIDATION_ERROR', 1],
      ['bad UUID (exec get)', () => ['exec', 'get', 'not-a-uuid'], 'VALIDATION_ERROR', 1],
      ['--status not a status', () => ['session', 'list', '--status', 'zombie'], 'VALIDATION_ERROR', 1],
      ['run-file --args not JSON', () => ['exec', 'run-file', session.id, 'ok.js', '--args', '{nope'], 'INVALID_REQUEST', 2],
      ['run-file path escape', () => ['exec', 'run-file', session.id, '../outside.js'], 'INVALID_PATH', 1],
      ['run-file missing file', () => ['exec', 'run-file', session.id, 'missing.js'], 'FILE_NOT_FOUND', 1],
    ];
    for (const [name, args, code, exit] of cases) {
      test(name, async () => {
        await fails(args(), code, { exit });
      });
    }
  });
});
