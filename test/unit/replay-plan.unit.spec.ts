import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_TEMPLATE_SETTINGS, SessionEvent, TemplateSnapshot, isReplayable, ownHistory } from '@vm-system/domain';

const template: TemplateSnapshot = {
  template_id: 't1',
  name: 'demo',
  engine: 'goja',
  settings: DEFAULT_TEMPLATE_SETTINGS,
  capabilities: [],
  startup_files: [],
  modules: [],
  libraries: [],
};
const metrics = { wall_ms: 1, cpu_ms: 1 };
const tape = (n: number) => ({ clock: [n], random: [], calls: [] });
const sessionData = { session_id: 's2', workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/w', template };
const started: SessionEvent = { type: 'SessionStarted', data: sessionData };
const ready: SessionEvent = { type: 'SessionReady', data: {} };
const start = (id: string, extra: Partial<Extract<SessionEvent, { type: 'ExecutionStarted' }>['data']> = {}): SessionEvent => ({
  type: 'ExecutionStarted',
  data: { execution_id: id, kind: 'repl', input: `input ${id}`, args: {}, env: {}, ...extra },
});
type Finished = Extract<SessionEvent, { type: 'ExecutionFinished' }>['data'];
const finish = (id: string, data: Partial<Finished> = {}): SessionEvent => ({
  type: 'ExecutionFinished',
  data: { execution_id: id, status: 'ok', metrics, replayable: true, ...data },
});
const step = (id: string, extra = {}) => ({
  executionId: id,
  kind: 'repl',
  input: `input ${id}`,
  path: undefined,
  args: {},
  env: {},
  sourceSha256: undefined,
  recordedCalls: undefined,
  ...extra,
});

const history: SessionEvent[] = [
  started,
  ready,
  start('e1', { kind: 'run_file', input: undefined, path: 'a.js', args: { n: 1 }, env: { A: 'b' }, source_sha256: 'f'.repeat(64) }),
  finish('e1', { recorded_calls: tape(1) }),
  start('e2'),
  finish('e2', { status: 'timeout', replayable: false }),
  start('e3'),
  finish('e3', { status: 'error', error: { message: 'TypeError: x' }, replayable: true, recorded_calls: tape(3) }),
];

describe('replay history', () => {
  test('replayable executions become steps in order, with their source and tape; the others are skipped', () => {
    assert.deepEqual(ownHistory(history), {
      steps: [
        { executionId: 'e1', kind: 'run_file', input: undefined, path: 'a.js', args: { n: 1 }, env: { A: 'b' }, sourceSha256: 'f'.repeat(64), recordedCalls: tape(1) },
        step('e3', { recordedCalls: tape(3) }),
      ],
      skipped: ['e2'],
      executionIds: ['e1', 'e2', 'e3'],
    });
  });

  test('upTo ends the history after that execution, replayed or skipped', () => {
    assert.deepEqual(
      ownHistory(history, 'e1').steps.map((s) => s.executionId),
      ['e1'],
    );
    assert.deepEqual(ownHistory(history, 'e1').executionIds, ['e1']);
    const toSkipped = ownHistory(history, 'e2');
    assert.deepEqual([toSkipped.steps.map((s) => s.executionId), toSkipped.skipped, toSkipped.executionIds], [['e1'], ['e2'], ['e1', 'e2']]);
    assert.deepEqual(ownHistory(history, 'unknown'), ownHistory(history), 'an execution not in the history ends nothing');
  });

  test('an execution still running is neither replayed nor skipped; a finish without a start is ignored', () => {
    const open = ownHistory([started, ready, start('e1'), finish('e1'), finish('ghost'), start('e2')]);
    assert.deepEqual([open.steps.map((s) => s.executionId), open.skipped, open.executionIds], [['e1'], [], ['e1', 'e2']]);
  });

  test("a fork remembers where it came from; the libraries' observations come from SessionReady", () => {
    const forked: SessionEvent = { type: 'SessionStarted', data: { ...sessionData, forked_from: { session_id: 's1', execution_id: 'e9' } } };
    const loaded: SessionEvent = { type: 'SessionReady', data: { recorded_calls: tape(7) } };
    const own = ownHistory([forked, loaded, start('e1'), finish('e1')]);
    assert.deepEqual(own.forkedFrom, { session_id: 's1', execution_id: 'e9' });
    assert.deepEqual(own.libraryCalls, tape(7));
    const plain = ownHistory(history);
    assert.equal('forkedFrom' in plain || 'libraryCalls' in plain, false);
  });

  test('a recorded replayable flag decides, whatever the status', () => {
    assert.equal(isReplayable({ execution_id: 'e', status: 'ok', metrics, replayable: false }), false);
    assert.equal(isReplayable({ execution_id: 'e', status: 'error', error: { level: 'error', message: 'stopped' }, metrics, replayable: true }), true);
  });

  test('ledgers without the flag: ok and a guest exception replay; a system error, a timeout and a cancel do not', () => {
    assert.equal(isReplayable({ execution_id: 'e', status: 'ok', metrics }), true);
    assert.equal(isReplayable({ execution_id: 'e', status: 'error', error: { message: 'TypeError: x', stack: '…' }, metrics }), true);
    assert.equal(isReplayable({ execution_id: 'e', status: 'error', metrics }), true);
    assert.equal(isReplayable({ execution_id: 'e', status: 'error', error: { level: 'error', message: 'runtime lost' }, metrics }), false);
    assert.equal(isReplayable({ execution_id: 'e', status: 'timeout', metrics }), false);
    assert.equal(isReplayable({ execution_id: 'e', status: 'cancelled', metrics }), false);
    const legacy: SessionEvent[] = [
      started,
      ready,
      start('e1'),
      { type: 'ExecutionFinished', data: { execution_id: 'e1', status: 'error', error: { level: 'error', message: 'x' }, metrics } },
    ];
    assert.deepEqual(ownHistory(legacy).skipped, ['e1']);
  });
});
