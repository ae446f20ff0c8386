import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_TEMPLATE_SETTINGS, SessionEvent, SessionState, decideUnrecordedStart, sessionDecider } from '@vm-system/domain';

const template = { template_id: 't1', name: 'demo', engine: 'goja', settings: DEFAULT_TEMPLATE_SETTINGS, capabilities: [], startup_files: [], modules: [], libraries: [] };
const started: SessionEvent = { type: 'SessionStarted', data: { session_id: 's1', workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/w', template } };
const startupRunning: SessionEvent = { type: 'ExecutionStarted', data: { execution_id: 'e1', kind: 'startup', path: 'flood.js', args: {}, env: {} } };
const startupEnded: SessionEvent = { type: 'ExecutionFinished', data: { execution_id: 'e1', status: 'error', metrics: { wall_ms: 0, cpu_ms: 0 }, replayable: false } };

const given = (...events: SessionEvent[]): SessionState => events.reduce(sessionDecider.evolve, sessionDecider.initialState());

describe('a session whose create the ledger refused part-way', () => {
  test('given it is starting with no execution running, when a try comes, then it crashes', () => {
    assert.equal(decideUnrecordedStart(given(started)), 'crash');
    assert.equal(decideUnrecordedStart(given(started, startupRunning, startupEnded)), 'crash');
  });

  test('given its startup execution is still running (its end is being retried), when a try comes, then it waits', () => {
    assert.equal(decideUnrecordedStart(given(started, startupRunning)), 'wait');
  });

  test('given something else ended it meanwhile, or it never started, when a try comes, then nothing is written', () => {
    assert.equal(decideUnrecordedStart(given(started, { type: 'SessionCrashed', data: { error: 'x' } })), 'nothing');
    assert.equal(decideUnrecordedStart(given(started, { type: 'SessionClosed', data: { reason: 'r' } })), 'nothing');
    assert.equal(decideUnrecordedStart(given(started, { type: 'SessionReady', data: {} })), 'nothing');
    assert.equal(decideUnrecordedStart(given()), 'nothing');
  });
});
