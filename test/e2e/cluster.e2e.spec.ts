import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ClusterNode, LedgerEvent, VmSystemClient } from '@vm-system/client';
import { runCli } from '../support/cli';
import { TestDaemon, startDaemon } from '../support/daemon';
import { makeSession, makeTemplate, makeWorktree } from '../support/fixtures';
import { rawRequest } from '../support/http';
import { tempDir } from '../support/paths';
import { createTestPostgresDatabase, dropTestPostgresDatabase } from '../support/postgres';

/** Reads a live tail until `until` holds for an event; answers every event read. */
async function followUntil(client: VmSystemClient, afterPosition: number, filter: { stream_id?: string }, until: (event: LedgerEvent) => boolean): Promise<LedgerEvent[]> {
  const seen: LedgerEvent[] = [];
  const abort = new AbortController();
  try {
    for await (const event of client.followLedger(afterPosition, filter, abort.signal)) {
      seen.push(event);
      if (until(event)) return seen;
    }
  } finally {
    abort.abort();
  }
  throw new Error('the tail ended before the awaited event');
}

/** Waits for the guest's first console line of an execution: the handshake that it runs. */
async function untilRunning(client: VmSystemClient, executionId: string): Promise<void> {
  const abort = new AbortController();
  try {
    for await (const item of client.followExecution(executionId, 0, abort.signal)) {
      if (item.kind === 'event' && item.event.type === 'console') return;
      if (item.kind === 'end') throw new Error(`execution ended before it printed: ${JSON.stringify(item.execution)}`);
    }
  } finally {
    abort.abort();
  }
}

const serveOn = (url: string, nodeId: string) => startDaemon({ dbFile: url, extraArgs: ['--node-id', nodeId] });

describe('several daemons on one PostgreSQL ledger', () => {
  let url: string;
  let a: TestDaemon;
  let b: TestDaemon;
  let c: TestDaemon;
  const extra: TestDaemon[] = [];

  before(async () => {
    url = await createTestPostgresDatabase();
    // Started at once on an empty database: the migrations queue up, all three come up.
    [a, b, c] = await Promise.all([serveOn(url, 'node-a'), serveOn(url, 'node-b'), serveOn(url, 'node-c')]);
  });

  after(async () => {
    for (const daemon of [a, b, c, ...extra]) {
      daemon?.process.kill('SIGCONT');
      await daemon?.stop();
    }
    await dropTestPostgresDatabase(url);
  });

  /**
   * A new daemon owning a session with `kept` set and an execution that waits forever, seen
   * running from node-b; `position` is the ledger's head before that execution started.
   */
  async function ownerMidExecution(nodeId: string, kept: number) {
    const owner = await serveOn(url, nodeId);
    extra.push(owner);
    const session = await makeSession(owner.client);
    await owner.client.repl(session.id, `globalThis.kept = ${kept}`);
    const { position } = await b.client.ledgerHead();
    const running = await owner.client.startRepl(session.id, "console.log('waiting'); await new Promise(() => {})");
    await untilRunning(b.client, running.id);
    return { owner, session, running, position };
  }

  test('every daemon lists the three nodes, live, through `ops nodes`', async () => {
    for (const daemon of [a, b, c]) {
      const result = await daemon.cli('ops', 'nodes', '--output', 'json');
      assert.equal(result.code, 0, result.stderr);
      const nodes = JSON.parse(result.stdout) as ClusterNode[];
      assert.deepEqual(
        nodes.filter((n) => n.node_id.startsWith('node-')).map((n) => [n.node_id, n.status]),
        [
          ['node-a', 'live'],
          ['node-b', 'live'],
          ['node-c', 'live'],
        ],
      );
      for (const node of nodes) assert.match(node.advertise_url, /^http:\/\/127\.0\.0\.1:\d+$/);
    }
    const human = await b.cli('ops', 'nodes');
    assert.match(human.stdout, /^NODE\s+STATUS\s+LIVE_SESSIONS\s+LEASE_EXPIRES\s+URL$/m);
  });

  test("a REPL sent to a daemon that does not own the session runs in the owner's host, which the answer names", async () => {
    const session = await makeSession(a.client);
    await a.client.repl(session.id, 'globalThis.counter = 41');
    const viaB = await rawRequest(b.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: 'counter += 1' }));
    assert.equal(viaB.status, 201);
    assert.equal(viaB.headers.get('x-vm-node'), 'node-a');
    assert.deepEqual(viaB.json.events.find((e: { type: string }) => e.type === 'value').payload.json, 42);
    const viaC = await c.cli('exec', 'repl', session.id, 'counter + 1');
    assert.equal(viaC.code, 0, viaC.stderr);
    assert.match(viaC.stdout, /"json":43/);
    const local = await rawRequest(a.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: 'counter' }));
    assert.equal(local.headers.get('x-vm-node'), 'node-a');
    const nodes = await c.client.clusterNodes();
    assert.equal(nodes.find((n) => n.node_id === 'node-a')?.live_sessions, 1);
    // Spelt with a trailing slash, as Express routes it too, and from a browser on the receiving
    // daemon's own origin (checked there, not again by the owner): still forwarded.
    const slashed = await rawRequest(b.url, 'POST', '/executions/repl/', JSON.stringify({ session_id: session.id, input: 'counter' }), { origin: b.url });
    assert.equal(slashed.status, 201, JSON.stringify(slashed.json));
    assert.equal(slashed.headers.get('x-vm-node'), 'node-a');
    // A caller cannot pass its request off as forwarded to make a non-owner take the session over.
    const spoofed = await rawRequest(b.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: 'counter' }), { 'x-vm-forwarded-by': 'node-a' });
    assert.equal(spoofed.status, 409);
    assert.equal(spoofed.json.error.code, 'SESSION_MOVED');
    assert.deepEqual(spoofed.json.error.details, { node_id: 'node-a' });
    const still = await rawRequest(c.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: 'counter' }));
    assert.equal(still.headers.get('x-vm-node'), 'node-a');
    assert.equal(still.json.events.find((e: { type: string }) => e.type === 'value').payload.json, 42);
  });

  test("live tails on every daemon deliver the others' commits in position order, without gaps", async () => {
    const { position: from } = await a.client.ledgerHead();
    const templateId = await makeTemplate(a.client);
    const session = await c.client.createSession({ template_id: templateId, workspace_id: 'ws', base_commit_oid: 'c0', worktree_path: makeWorktree() });
    await b.client.repl(session.id, '1 + 1');
    const { position: to } = await b.client.ledgerHead();
    const tails = await Promise.all([a, b, c].map((daemon) => followUntil(daemon.client, from, {}, (event) => event.position === to)));
    const expected = (await a.client.ledgerEvents(from, to - from)).map((event) => event.position);
    assert.deepEqual(
      expected,
      Array.from({ length: to - from }, (_, i) => from + 1 + i),
    );
    for (const tail of tails)
      assert.deepEqual(
        tail.map((event) => event.position),
        expected,
      );
  });

  test('kill -9 of an owner mid-execution: another daemon ends the execution, suspends the session, and resumes it with its globals where it is next used', async () => {
    const { owner: d, session, running, position } = await ownerMidExecution('node-d', 7);
    await d.kill();
    const events = await followUntil(b.client, position, { stream_id: `session-${session.id}` }, (event) => event.type === 'SessionSuspended');
    assert.deepEqual(events.at(-1)!.data, { reason: 'owner_lost' });
    const finished = events.find((event) => event.type === 'ExecutionFinished' && (event.data as { execution_id: string }).execution_id === running.id);
    assert.deepEqual((finished?.data as { status: string; error: unknown }).status, 'error');
    assert.deepEqual((finished?.data as { error: unknown }).error, { level: 'error', message: 'runtime lost: node node-d stopped' });
    assert.equal((await b.client.getExecution(running.id)).status, 'error');
    const resumed = await rawRequest(c.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: 'kept * 6' }));
    assert.equal(resumed.status, 201);
    assert.equal(resumed.headers.get('x-vm-node'), 'node-c');
    assert.equal(resumed.json.events.find((e: { type: string }) => e.type === 'value').payload.json, 42);
    const nodes = await a.client.clusterNodes();
    assert.equal(nodes.find((n) => n.node_id === 'node-d')?.status, 'expired');
    assert.equal((await a.client.getSession(session.id)).status, 'ready');
  });

  test('a frozen owner (SIGSTOP) past its lease is fenced out: its session lives on elsewhere and it never writes to it again', async () => {
    const { owner: e, session, running, position } = await ownerMidExecution('node-e', 5);
    e.process.kill('SIGSTOP');
    // Sent on to the frozen owner while its lease still runs: the caller is told once it has run out.
    const stuck = rawRequest(a.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: 'kept' }));
    await followUntil(b.client, position, { stream_id: `session-${session.id}` }, (event) => event.type === 'SessionSuspended');
    const unanswered = await stuck;
    assert.deepEqual([unanswered.status, unanswered.json.error.code, unanswered.json.error.details.node_id], [503, 'SESSION_OWNER_UNREACHABLE', 'node-e']);
    const resumed = await b.client.repl(session.id, 'kept + 1');
    assert.equal(resumed.events.find((event) => event.type === 'value')?.payload.json, 6);
    e.process.kill('SIGCONT');
    // Woken, the frozen daemon finds its lease taken over and drops its stale host, whose last
    // word about the execution is refused by the fence.
    const refused = `refused a write to execution-${running.id}: session ${session.id} is now hosted by node node-b`;
    for (let round = 0; !(e.log().includes('outlived its lease and was taken over') && e.log().includes(refused)); round++) {
      assert.ok(round < 10_000, `node-e never noticed it was fenced out:\n${e.log()}`);
      assert.equal(e.process.exitCode, null, `node-e died:\n${e.log()}`);
      // A socket the client kept alive across the freeze may be reset by the woken server: asked again.
      await e.client.health().catch(() => undefined);
    }
    const viaE = await rawRequest(e.url, 'POST', '/executions/repl', JSON.stringify({ session_id: session.id, input: 'kept + 2' }));
    assert.equal(viaE.headers.get('x-vm-node'), 'node-b');
    assert.equal(viaE.json.events.find((ev: { type: string }) => ev.type === 'value').payload.json, 7);
    const executionEvents = await b.client.ledgerEvents(0, 10_000, { stream_id: `execution-${running.id}` });
    const finishes = (await b.client.ledgerEvents(0, 10_000, { stream_id: `session-${session.id}` })).filter(
      (event) => event.type === 'ExecutionFinished' && (event.data as { execution_id: string }).execution_id === running.id,
    );
    assert.equal(finishes.length, 1);
    // Nothing of the fenced host's was written after the takeover ended its execution.
    assert.deepEqual(
      executionEvents.filter((event) => event.position > finishes[0].position),
      [],
    );
    const verified = await a.client.verifyLedger();
    assert.equal(verified.ok, true);
  });
});

describe('serve on a shared ledger', () => {
  test('listening on every address without --advertise-url is a usage error: the others could not reach it', async () => {
    const url = await createTestPostgresDatabase();
    try {
      const refused = await runCli(['serve', '--db', url, '--listen', '0.0.0.0:0', '--auth', 'token']);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /--advertise-url is required with --listen 0\.0\.0\.0:0 on a shared PostgreSQL ledger/);
    } finally {
      await dropTestPostgresDatabase(url);
    }
  });
});

describe('one daemon on SQLite', () => {
  test('`ops nodes` answers the one node, live, with its live sessions', async () => {
    const daemon = await startDaemon({ extraArgs: ['--node-id', 'solo'] });
    try {
      await makeSession(daemon.client);
      const nodes = await daemon.client.clusterNodes();
      assert.deepEqual(
        nodes.map((n) => [n.node_id, n.status, n.live_sessions, n.advertise_url]),
        [['solo', 'live', 1, daemon.url]],
      );
    } finally {
      await daemon.stop();
    }
  });
});

describe('one ledger, either engine', () => {
  test('export from SQLite, import into PostgreSQL, and back: the same head position and hash, verified on each', async () => {
    const url = await createTestPostgresDatabase();
    const daemons: TestDaemon[] = [];
    try {
      const sqlite = await startDaemon();
      daemons.push(sqlite);
      const session = await makeSession(sqlite.client);
      await sqlite.client.repl(session.id, "console.log('from sqlite'); 6 * 7");
      const exported = await sqlite.cli('audit', 'export');
      assert.equal(exported.code, 0, exported.stderr);
      const file = join(tempDir(), 'sqlite.ndjson');
      writeFileSync(file, exported.stdout);
      const head = await sqlite.client.ledgerHead();

      const postgres = await serveOn(url, 'importer');
      daemons.push(postgres);
      const imported = await postgres.cli('audit', 'import', file);
      assert.equal(imported.code, 0, imported.stderr);
      assert.deepEqual(await postgres.client.ledgerHead(), head);
      assert.equal((await postgres.client.verifyLedger()).ok, true);
      assert.equal((await postgres.client.getSession(session.id)).status, (await sqlite.client.getSession(session.id)).status);

      const back = await postgres.cli('audit', 'export');
      assert.equal(back.stdout, exported.stdout);
      const again = await startDaemon();
      daemons.push(again);
      const backFile = join(tempDir(), 'postgres.ndjson');
      writeFileSync(backFile, back.stdout);
      assert.equal((await again.cli('audit', 'import', backFile)).code, 0);
      assert.deepEqual(await again.client.ledgerHead(), head);
    } finally {
      for (const daemon of daemons) await daemon.stop();
      await dropTestPostgresDatabase(url);
    }
  });
});
