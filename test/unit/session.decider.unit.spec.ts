import { describe, test } from 'node:test';
import { DEFAULT_TEMPLATE_SETTINGS, SessionEvent, TemplateSnapshot, sessionDecider } from '@vm-system/domain';
import { deciderSpec } from '../support/decider-spec';

const spec = deciderSpec(sessionDecider);
const template: TemplateSnapshot = {
  template_id: 't1', name: 'demo', engine: 'goja', settings: DEFAULT_TEMPLATE_SETTINGS,
  capabilities: [], startup_files: [], modules: [], libraries: [],
};
const started: SessionEvent = { type: 'SessionStarted', data: { session_id: 's1', workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/w', template } };
const ready: SessionEvent = { type: 'SessionReady', data: {} };
const running: SessionEvent = { type: 'ExecutionStarted', data: { execution_id: 'e1', kind: 'repl', input: '1', args: {}, env: {} } };
const run = { type: 'StartExecution', executionId: 'e2', kind: 'repl', input: '2', args: {}, env: {} } as const;
const timings = { wall_ms: 0, cpu_ms: 0 };

describe('session decider', () => {
  test('an execution needs a ready session', () => {
    spec([started, ready]).when(run).then([{ type: 'ExecutionStarted', data: { execution_id: 'e2', kind: 'repl', input: '2', path: undefined, args: {}, env: {} } }]);
    spec([started]).when(run).thenFails('SESSION_NOT_READY');
    spec([started, ready, { type: 'SessionClosed', data: { reason: 'r' } }]).when(run).thenFails('SESSION_NOT_READY');
    spec([started, { type: 'SessionCrashed', data: { error: 'x' } }]).when(run).thenFails('SESSION_NOT_READY');
    spec([]).when(run).thenFails('SESSION_NOT_FOUND');
  });

  test('startup executions run while the session is starting, and only then', () => {
    const startup = { ...run, kind: 'startup' as const };
    spec([started]).when(startup).then([{ type: 'ExecutionStarted', data: { execution_id: 'e2', kind: 'startup', input: '2', path: undefined, args: {}, env: {} } }]);
    spec([started, ready]).when(startup).thenFails('SESSION_NOT_READY');
  });

  test('SESSION_BUSY is decided from state: one execution at a time, no queue', () => {
    spec([started, ready, running]).when(run).thenFails('SESSION_BUSY');
    spec([started, ready, running, { type: 'ExecutionFinished', data: { execution_id: 'e1', status: 'ok', metrics: timings } }]).when(run).then([
      { type: 'ExecutionStarted', data: { execution_id: 'e2', kind: 'repl', input: '2', path: undefined, args: {}, env: {} } },
    ]);
  });

  test('finishing an execution that is not running records nothing', () => {
    spec([started, ready]).when({ type: 'FinishExecution', executionId: 'e1', status: 'ok', metrics: timings, replayable: true }).then([]);
  });

  test('close and crash end a running execution first; ending an ended session records nothing', () => {
    const abandoned = { type: 'ExecutionFinished', data: { execution_id: 'e1', status: 'error', error: { level: 'error', message: 'bye' }, metrics: timings } };
    spec([started, ready, running]).when({ type: 'CloseSession', reason: 'bye' }).then([abandoned as SessionEvent, { type: 'SessionClosed', data: { reason: 'bye' } }]);
    spec([started, ready, running]).when({ type: 'RecordSessionCrash', error: 'bye' }).then([abandoned as SessionEvent, { type: 'SessionCrashed', data: { error: 'bye' } }]);
    spec([started, ready, { type: 'SessionClosed', data: { reason: 'r' } }]).when({ type: 'CloseSession', reason: 'again' }).then([]);
    spec([started, { type: 'SessionCrashed', data: { error: 'x' } }]).when({ type: 'CloseSession', reason: 'again' }).then([]);
    spec([started, { type: 'SessionCrashed', data: { error: 'x' } }]).when({ type: 'RecordSessionCrash', error: 'again' }).then([]);
  });

  test('ready only from starting', () => {
    spec([started]).when({ type: 'MarkSessionReady' }).then([ready]);
    spec([started, ready]).when({ type: 'MarkSessionReady' }).then([]);
  });
});
