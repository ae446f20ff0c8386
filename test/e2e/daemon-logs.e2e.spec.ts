import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession } from '../support/fixtures';
import { rawRequest } from '../support/http';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/** The daemon's JSON log lines so far (its stdout's "listening on" line is not one). */
function jsonLines(daemon: TestDaemon): Record<string, any>[] {
  return daemon
    .log()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);
}

/** Stops the daemon and waits for its stderr to close, so every line it wrote has been read. */
async function stopAndDrain(daemon: TestDaemon): Promise<void> {
  const stderr = daemon.process.stderr!;
  const closed = stderr.closed ? Promise.resolve() : new Promise((resolve) => stderr.once('close', resolve));
  await daemon.stop();
  await closed;
}

/** Acts on the daemon, then stops it (whatever the act did) and answers its JSON log lines. */
async function linesAfter(daemon: TestDaemon, act: () => Promise<void>): Promise<Record<string, any>[]> {
  try {
    await act();
  } finally {
    await stopAndDrain(daemon);
  }
  return jsonLines(daemon);
}

describe('serve --log-format and --log-level', () => {
  test('json at info: one object a line, and a line per request with its id, route, status, duration and trace id', async () => {
    const daemon = await startDaemon({ extraArgs: ['--log-format', 'json', '--log-level', 'info'] });
    let requestId = '';
    const lines = await linesAfter(daemon, async () => {
      const answer = await rawRequest(daemon.url, 'GET', '/sessions/00000000-0000-4000-8000-000000000009', undefined, { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` });
      assert.equal(answer.status, 404);
      requestId = answer.headers.get('x-request-id')!;
    });
    for (const line of lines) {
      assert.equal(typeof line.time, 'string');
      assert.ok(['info', 'warn', 'error', 'fatal'].includes(line.level), JSON.stringify(line));
      assert.equal(typeof line.msg, 'string');
    }
    const request = lines.find((line) => line.msg === 'request' && line.request_id === requestId);
    assert.ok(request, JSON.stringify(lines));
    assert.deepEqual(
      { level: request.level, method: request.method, route: request.route, status: request.status, trace_id: request.trace_id },
      { level: 'info', method: 'GET', route: '/api/v1/sessions/:id', status: 404, trace_id: TRACE_ID },
    );
    assert.equal(typeof request.duration_ms, 'number');
    assert.ok(!lines.some((line) => line.level === 'debug'), 'no debug line at info');
  });

  test('warn hides the request lines; debug shows what info does not (Nest mapping its routes)', async () => {
    const quiet = await startDaemon({ extraArgs: ['--log-format', 'json', '--log-level', 'warn'] });
    const quietLines = await linesAfter(quiet, async () => {
      assert.equal((await rawRequest(quiet.url, 'GET', '/health')).status, 200);
    });
    assert.ok(!quietLines.some((line) => line.msg === 'request' || line.level === 'info' || line.level === 'debug'), JSON.stringify(quietLines));

    const verbose = await startDaemon({ extraArgs: ['--log-format', 'json', '--log-level', 'debug'] });
    const verboseLines = await linesAfter(verbose, async () => {
      assert.equal((await rawRequest(verbose.url, 'GET', '/health')).status, 200);
    });
    assert.ok(
      verboseLines.some((line) => line.level === 'debug' && line.context === 'RouterExplorer'),
      'route mapping at debug',
    );
    assert.ok(verboseLines.some((line) => line.msg === 'request' && line.level === 'info'));
  });

  test('warn shows a warning as a JSON line; error hides it', async () => {
    // Off loopback without TLS the daemon warns that tokens travel in clear text.
    const offLoopback = (level: string) => ['--listen', '0.0.0.0:0', '--log-format', 'json', '--log-level', level];
    const warned = await linesAfter(await startDaemon({ extraArgs: offLoopback('warn') }), async () => undefined);
    const warning = warned.find((line) => /tokens travel in clear text/.test(line.msg));
    assert.deepEqual(warning && { level: warning.level, context: warning.context }, { level: 'warn', context: 'Serve' }, JSON.stringify(warned));
    const quiet = await linesAfter(await startDaemon({ extraArgs: offLoopback('error') }), async () => undefined);
    assert.ok(!quiet.some((line) => line.level !== 'error' && line.level !== 'fatal'), JSON.stringify(quiet));
  });

  test("a traceparent ties it together: the request line, the execution's debug line and the ledger events carry its trace id, the restore it caused included", async () => {
    const daemon = await startDaemon({ extraArgs: ['--log-format', 'json', '--log-level', 'debug'] });
    let executionId = '';
    let requestId = '';
    let ledgerEvents: Awaited<ReturnType<typeof daemon.client.ledgerEvents>> = [];
    const lines = await linesAfter(daemon, async () => {
      const session = await makeSession(daemon.client);
      // Suspended, so the traced REPL resumes it first: the restore is the request's too.
      await daemon.client.suspendSession(session.id);
      const head = (await daemon.client.ledgerHead()).position;
      const answer = await rawRequest(daemon.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: '6 * 7' }), {
        traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.json));
      executionId = answer.json.id;
      requestId = answer.headers.get('x-request-id')!;
      ledgerEvents = await daemon.client.ledgerEvents(head);
    });

    const caused = ledgerEvents.filter((event) => event.metadata.request_id === requestId);
    assert.deepEqual(
      caused.filter((event) => event.stream_id.startsWith('session-')).map((event) => event.type),
      ['SessionRestored', 'ExecutionStarted', 'ExecutionFinished'],
    );
    assert.ok(caused.some((event) => event.stream_id === `execution-${executionId}`));
    for (const event of caused) assert.equal(event.metadata.trace_id, TRACE_ID, `${event.type} at ${event.position}`);

    const request = lines.find((line) => line.msg === 'request' && line.request_id === requestId);
    assert.equal(request?.trace_id, TRACE_ID, JSON.stringify(request));
    const finished = lines.find((line) => line.msg === 'execution finished' && line.execution_id === executionId);
    assert.deepEqual(finished && { level: finished.level, request_id: finished.request_id, trace_id: finished.trace_id, kind: finished.kind, status: finished.status }, {
      level: 'debug',
      request_id: requestId,
      trace_id: TRACE_ID,
      kind: 'repl',
      status: 'ok',
    });
  });

  test('text at info: readable lines, the request line among them; a bad --log-format or --log-level is a usage error', async () => {
    const daemon = await startDaemon({ extraArgs: ['--log-level', 'info'] });
    await linesAfter(daemon, async () => {
      await rawRequest(daemon.url, 'GET', '/health', undefined, { 'x-request-id': 'text-log-1' });
    });
    assert.match(daemon.log(), /^\d{4}-\d\d-\d\dT\S+ INFO +\[HTTP\] request request_id=text-log-1 method=GET route=\/api\/v1\/health status=200 duration_ms=[\d.]+$/m);
    assert.ok(
      !daemon
        .log()
        .split('\n')
        .some((line) => line.startsWith('{')),
      'no JSON line in text format',
    );

    await assert.rejects(startDaemon({ extraArgs: ['--log-format', 'yaml'] }), /exited \(2\) before listening:[\s\S]*--log-format must be text or json, got yaml/);
    await assert.rejects(
      startDaemon({ extraArgs: ['--log-level', 'verbose'] }),
      /exited \(2\) before listening:[\s\S]*--log-level must be one of debug, info, warn, error, got verbose/,
    );
  });
});
