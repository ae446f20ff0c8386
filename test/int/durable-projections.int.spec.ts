import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_TEMPLATE_SETTINGS, SessionEvent, TemplateSnapshot } from '@vm-system/domain';
import { EventStore, LEDGER_MIGRATIONS, openDatabase, rebuildInShadow, rebuildProjections, sqliteExecutor } from '@vm-system/ledger';
import { ExecutionsReadModel, PROJECTION_MIGRATIONS, SessionsReadModel } from '@vm-system/projections';
import { openTestLedger, SqliteTestLedger } from '../support/ledger';
import { tempDir } from '../support/paths';

const template: TemplateSnapshot = {
  template_id: '00000000-0000-4000-8000-000000000001',
  name: 'demo',
  engine: 'goja',
  settings: DEFAULT_TEMPLATE_SETTINGS,
  capabilities: [],
  startup_files: [],
  modules: [],
  libraries: [],
};
const metrics = { wall_ms: 3, cpu_ms: 2 };
const sha = 'ab'.repeat(32);
const startedData = (id: string) => ({ session_id: id, workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/w', template });
const started = (id: string): SessionEvent => ({ type: 'SessionStarted', data: startedData(id) });
const ready: SessionEvent = { type: 'SessionReady', data: {} };
const run = (id: string, extra = {}): SessionEvent => ({ type: 'ExecutionStarted', data: { execution_id: id, kind: 'repl', input: '1', args: {}, env: {}, ...extra } });

/** Appends each event on its own, as the daemon does, so every projector sees them one by one. */
function appendEach(store: EventStore, streamId: string, events: SessionEvent[], metadata = {}): void {
  for (const event of events) store.append(streamId, store.streamVersion(streamId), [event], metadata);
}

describe('read models of durable sessions', () => {
  let ledger: SqliteTestLedger;
  let sessions: SessionsReadModel;
  let executions: ExecutionsReadModel;
  before(async () => {
    ledger = await openTestLedger();
    sessions = new SessionsReadModel(ledger.store.sql);
    executions = new ExecutionsReadModel(ledger.store.sql);
  });
  after(() => ledger.close());

  test('suspended, then restored twice: restores counts, restored_at is the last one; a suspended session is not live nor orphaned', () => {
    const { store } = ledger;
    appendEach(store, 'session-a', [started('a'), ready, { type: 'SessionSuspended', data: { reason: 'daemon_restart' } }], { token_id: 'tok' });
    assert.deepEqual([sessions.find('a')?.status, sessions.find('a')?.restores], ['suspended', 0]);
    assert.equal(sessions.countLiveFor('tok'), 0, 'a suspended session holds no host');
    assert.ok(!sessions.orphaned().includes('a'));
    assert.deepEqual(
      sessions.list('suspended').map((s) => s.id),
      ['a'],
    );

    const restored: SessionEvent = { type: 'SessionRestored', data: { reason: 'resume', replayed: 1, skipped: [], restore_ms: 5 } };
    appendEach(store, 'session-a', [restored, { type: 'SessionSuspended', data: { reason: 'idle' } }, restored], { token_id: 'tok' });
    const last = store.readStream('session-a', 0, 100).at(-1)!;
    const view = sessions.find('a')!;
    assert.deepEqual([view.status, view.restores, view.restored_at], ['ready', 2, last.recorded_at]);
    assert.equal(sessions.countLiveFor('tok'), 1);
    assert.ok(sessions.orphaned().includes('a'));
  });

  test('a failed restore crashes the session with its error', () => {
    appendEach(ledger.store, 'session-b', [
      started('b'),
      ready,
      { type: 'SessionSuspended', data: { reason: 'idle' } },
      { type: 'SessionRestoreFailed', data: { reason: 'resume', error: 'execution e1 diverged at event 2', execution_id: 'e1', expected: {}, actual: {} } },
    ]);
    const view = sessions.find('b')!;
    assert.deepEqual([view.status, view.last_error, view.restores, 'restored_at' in view], ['crashed', 'execution e1 diverged at event 2', 0, false]);
  });

  test('a fork shows where it came from; a plain session has no forked_from', () => {
    appendEach(ledger.store, 'session-c', [{ type: 'SessionStarted', data: { ...startedData('c'), forked_from: { session_id: 'a', execution_id: 'e1' } } }]);
    appendEach(ledger.store, 'session-d', [{ type: 'SessionStarted', data: { ...startedData('d'), forked_from: { session_id: 'a' } } }]);
    assert.deepEqual(sessions.find('c')?.forked_from, { session_id: 'a', execution_id: 'e1' });
    assert.deepEqual(sessions.find('d')?.forked_from, { session_id: 'a' });
    assert.equal('forked_from' in sessions.find('b')!, false);
  });

  test('an execution shows its source sha256 and how many calls it recorded; cancelled is a status like the others', () => {
    appendEach(ledger.store, 'session-e', [
      started('e'),
      ready,
      run('x1', { kind: 'run_file', input: undefined, path: 'a.js', source_sha256: sha }),
      {
        type: 'ExecutionFinished',
        data: { execution_id: 'x1', status: 'ok', metrics, replayable: true, recorded_calls: { clock: [1, 2], random: [0.5], calls: ['[0]', '[0,1]', '[1,"e"]'] } },
      },
      run('x2'),
      { type: 'ExecutionFinished', data: { execution_id: 'x2', status: 'cancelled', metrics, replayable: false } },
    ]);
    const [x1, x2] = [executions.find('x1')!, executions.find('x2')!];
    assert.deepEqual([x1.status, x1.source_sha256, x1.recorded_calls], ['ok', sha, 6]);
    assert.deepEqual([x2.status, 'source_sha256' in x2, x2.recorded_calls], ['cancelled', false, 0]);
  });

  test('a rebuild, in place or in a shadow, gives the same rows', async () => {
    const { store } = ledger;
    const live = store.projectors.map((p) => p.snapshot(store.sql));
    rebuildProjections(store.sql, store.projectors);
    assert.deepEqual(
      store.projectors.map((p) => p.snapshot(store.sql)),
      live,
    );
    const report = await rebuildInShadow(ledger.db.handle, store.projectors, `${ledger.file}.rebuild`);
    assert.deepEqual(
      report.projections.map((p) => [p.name, p.equal]),
      [
        ['templates', true],
        ['sessions', true],
        ['executions', true],
        ['tokens', true],
      ],
    );
    assert.deepEqual(
      store.projectors.map((p) => p.snapshot(store.sql)),
      live,
    );
  });
});

test('rows projected before the durable columns existed read as never restored, never forked, nothing recorded', async () => {
  const file = join(tempDir(), 'before.db');
  const older = PROJECTION_MIGRATIONS.filter((m) => m.name !== 'AddDurableSessionColumns1733000000500');
  assert.equal(older.length, PROJECTION_MIGRATIONS.length - 1);
  const old = await openDatabase({ file, migrations: [...LEDGER_MIGRATIONS, ...older] });
  const sql = sqliteExecutor(old.handle);
  sql.run(
    "INSERT INTO proj_sessions (id, template_id, workspace_id, base_commit_oid, worktree_path, status, created_position, created_at) VALUES ('s', 't', 'w', 'c', '/w', 'ready', 1, 'then')",
  );
  sql.run("INSERT INTO proj_executions (id, session_id, kind, args, env, status, started_position, started_at) VALUES ('x', 's', 'repl', '{}', '{}', 'ok', 2, 'then')");
  await old.dataSource.destroy();

  const ledger = await openTestLedger(file);
  try {
    const session = new SessionsReadModel(ledger.store.sql).find('s')!;
    assert.deepEqual([session.restores, 'restored_at' in session, 'forked_from' in session], [0, false, false]);
    const execution = new ExecutionsReadModel(ledger.store.sql).find('x')!;
    assert.deepEqual([execution.recorded_calls, 'source_sha256' in execution], [0, false]);
  } finally {
    await ledger.close();
  }
});
