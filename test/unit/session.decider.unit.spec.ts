import { describe, test } from 'node:test';
import { DEFAULT_TEMPLATE_SETTINGS, RestoreReason, SessionCommand, SessionEvent, TemplateSnapshot, sessionDecider } from '@vm-system/domain';
import { deciderSpec } from '../support/decider-spec';

const spec = deciderSpec(sessionDecider);
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
const started: SessionEvent = { type: 'SessionStarted', data: { session_id: 's1', workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/w', template } };
const ready: SessionEvent = { type: 'SessionReady', data: {} };
const running: SessionEvent = { type: 'ExecutionStarted', data: { execution_id: 'e1', kind: 'repl', input: '1', args: {}, env: {} } };
const run = { type: 'StartExecution', executionId: 'e2', kind: 'repl', input: '2', args: {}, env: {} } as const;
const timings = { wall_ms: 0, cpu_ms: 0 };
const suspended: SessionEvent = { type: 'SessionSuspended', data: { reason: 'idle' } };
const closed: SessionEvent = { type: 'SessionClosed', data: { reason: 'r' } };
const crashed: SessionEvent = { type: 'SessionCrashed', data: { error: 'x' } };
const restore: SessionCommand = { type: 'RecordSessionRestore', reason: 'resume', replayed: 2, skipped: ['e1'], restoreMs: 12 };
const restored: SessionEvent = { type: 'SessionRestored', data: { reason: 'resume', replayed: 2, skipped: ['e1'], restore_ms: 12 } };
const restoreFailure = { type: 'RecordRestoreFailure', reason: 'memory', error: 'replay of e1 diverged', executionId: 'e1', expected: { a: 1 }, actual: { a: 2 } } as const;
const tape = { clock: [1733400000000], random: [0.5], calls: ['[0]'] };

describe('session decider', () => {
  test('an execution needs a ready session', () => {
    spec([started, ready])
      .when(run)
      .then([{ type: 'ExecutionStarted', data: { execution_id: 'e2', kind: 'repl', input: '2', path: undefined, args: {}, env: {} } }]);
    spec([started]).when(run).thenFails('SESSION_NOT_READY');
    spec([started, ready, { type: 'SessionClosed', data: { reason: 'r' } }])
      .when(run)
      .thenFails('SESSION_NOT_READY');
    spec([started, { type: 'SessionCrashed', data: { error: 'x' } }])
      .when(run)
      .thenFails('SESSION_NOT_READY');
    spec([]).when(run).thenFails('SESSION_NOT_FOUND');
  });

  test('startup executions run while the session is starting, and only then', () => {
    const startup = { ...run, kind: 'startup' as const };
    spec([started])
      .when(startup)
      .then([{ type: 'ExecutionStarted', data: { execution_id: 'e2', kind: 'startup', input: '2', path: undefined, args: {}, env: {} } }]);
    spec([started, ready]).when(startup).thenFails('SESSION_NOT_READY');
  });

  test('SESSION_BUSY is decided from state: one execution at a time, no queue', () => {
    spec([started, ready, running]).when(run).thenFails('SESSION_BUSY');
    spec([started, ready, running, { type: 'ExecutionFinished', data: { execution_id: 'e1', status: 'ok', metrics: timings } }])
      .when(run)
      .then([{ type: 'ExecutionStarted', data: { execution_id: 'e2', kind: 'repl', input: '2', path: undefined, args: {}, env: {} } }]);
  });

  test('finishing an execution that is not running records nothing', () => {
    spec([started, ready]).when({ type: 'FinishExecution', executionId: 'e1', status: 'ok', metrics: timings, replayable: true }).then([]);
  });

  test('close and crash end a running execution first; ending an ended session records nothing', () => {
    const abandoned = { type: 'ExecutionFinished', data: { execution_id: 'e1', status: 'error', error: { level: 'error', message: 'bye' }, metrics: timings, replayable: false } };
    spec([started, ready, running])
      .when({ type: 'CloseSession', reason: 'bye' })
      .then([abandoned as SessionEvent, { type: 'SessionClosed', data: { reason: 'bye' } }]);
    spec([started, ready, running])
      .when({ type: 'RecordSessionCrash', error: 'bye' })
      .then([abandoned as SessionEvent, { type: 'SessionCrashed', data: { error: 'bye' } }]);
    spec([started, ready, { type: 'SessionClosed', data: { reason: 'r' } }])
      .when({ type: 'CloseSession', reason: 'again' })
      .then([]);
    spec([started, { type: 'SessionCrashed', data: { error: 'x' } }])
      .when({ type: 'CloseSession', reason: 'again' })
      .then([]);
    spec([started, { type: 'SessionCrashed', data: { error: 'x' } }])
      .when({ type: 'RecordSessionCrash', error: 'again' })
      .then([]);
  });

  test('ready only from starting', () => {
    spec([started]).when({ type: 'MarkSessionReady' }).then([ready]);
    spec([started, ready]).when({ type: 'MarkSessionReady' }).then([]);
  });

  describe('durable sessions', () => {
    test('a user or the idle timer suspends only a ready, quiet session', () => {
      spec([started, ready])
        .when({ type: 'SuspendSession', reason: 'request' })
        .then([{ type: 'SessionSuspended', data: { reason: 'request' } }]);
      spec([started, ready]).when({ type: 'SuspendSession', reason: 'idle' }).then([suspended]);
      spec([started]).when({ type: 'SuspendSession', reason: 'request' }).thenFails('SESSION_NOT_READY');
      spec([started, ready, suspended]).when({ type: 'SuspendSession', reason: 'idle' }).thenFails('SESSION_NOT_READY');
      spec([started, ready, closed]).when({ type: 'SuspendSession', reason: 'request' }).thenFails('SESSION_NOT_READY');
      spec([started, crashed]).when({ type: 'SuspendSession', reason: 'request' }).thenFails('SESSION_NOT_READY');
      spec([started, ready, running]).when({ type: 'SuspendSession', reason: 'request' }).thenFails('SESSION_BUSY');
      spec([]).when({ type: 'SuspendSession', reason: 'request' }).thenFails('SESSION_NOT_FOUND');
    });

    test('a daemon restart suspends a ready session, ending its running execution as lost; crashes one still starting; leaves ended ones alone', () => {
      const lost: SessionEvent = {
        type: 'ExecutionFinished',
        data: { execution_id: 'e1', status: 'error', error: { level: 'error', message: 'runtime lost at daemon restart' }, metrics: timings, replayable: false },
      };
      const restart = { type: 'RecoverAfterRestart', reason: 'runtime lost at daemon restart' } as const;
      spec([started, ready, running])
        .when(restart)
        .then([lost, { type: 'SessionSuspended', data: { reason: 'daemon_restart' } }]);
      spec([started, ready])
        .when(restart)
        .then([{ type: 'SessionSuspended', data: { reason: 'daemon_restart' } }]);
      spec([started])
        .when(restart)
        .then([{ type: 'SessionCrashed', data: { error: 'runtime lost at daemon restart' } }]);
      spec([started, ready, suspended]).when(restart).then([]);
      spec([started, ready, closed]).when(restart).then([]);
    });

    test("a lost owner's session: ready becomes suspended (owner_lost) and its running execution ends naming the node; starting crashes", () => {
      const takeOver = { type: 'RecoverFromLostOwner', nodeId: 'node-b' } as const;
      const message = 'runtime lost: node node-b stopped';
      const lost: SessionEvent = {
        type: 'ExecutionFinished',
        data: { execution_id: 'e1', status: 'error', error: { level: 'error', message }, metrics: timings, replayable: false },
      };
      spec([started, ready, running])
        .when(takeOver)
        .then([lost, { type: 'SessionSuspended', data: { reason: 'owner_lost' } }]);
      spec([started, ready])
        .when(takeOver)
        .then([{ type: 'SessionSuspended', data: { reason: 'owner_lost' } }]);
      spec([started])
        .when(takeOver)
        .then([{ type: 'SessionCrashed', data: { error: message } }]);
      spec([started, ready, suspended]).when(takeOver).then([]);
      spec([started, ready, closed]).when(takeOver).then([]);
    });

    test('a suspended session takes no execution until restored', () => {
      spec([started, ready, suspended]).when(run).thenFails('SESSION_NOT_READY');
      spec([started, ready, suspended, restored])
        .when(run)
        .then([{ type: 'ExecutionStarted', data: { execution_id: 'e2', kind: 'repl', input: '2', path: undefined, args: {}, env: {} } }]);
    });

    test('each restore is recorded only from the status it rebuilds: resume from suspended, fork from starting, a lost host from ready', () => {
      const restoreFor = (reason: RestoreReason): SessionCommand => ({ ...restore, reason }) as SessionCommand;
      const restoredFor = (reason: RestoreReason): SessionEvent => ({ type: 'SessionRestored', data: { ...restored.data, reason } }) as SessionEvent;
      spec([started, ready, suspended])
        .when(restoreFor('resume'))
        .then([restoredFor('resume')]);
      spec([started])
        .when(restoreFor('fork'))
        .then([restoredFor('fork')]);
      for (const lost of ['timeout', 'memory', 'host_lost', 'cancel'] as const)
        spec([started, ready])
          .when(restoreFor(lost))
          .then([restoredFor(lost)]);
      spec([started, ready]).when(restoreFor('resume')).then([]);
      spec([started, ready]).when(restoreFor('fork')).then([]);
    });

    test("a user's suspend made while a cancel's restore ran stands: the restore and its failure record nothing", () => {
      spec([started, ready, { type: 'SessionSuspended', data: { reason: 'request' } }])
        .when({ ...restore, reason: 'cancel' })
        .then([]);
      spec([started, ready, { type: 'SessionSuspended', data: { reason: 'request' } }])
        .when({ ...restoreFailure, reason: 'cancel' })
        .then([]);
    });

    test('a closed or crashed session records neither a restore nor its failure', () => {
      for (const over of [
        [started, ready, closed],
        [started, crashed],
        [started, ready, restoreFailedEvent()],
      ]) {
        spec(over).when(restore).then([]);
        spec(over).when(restoreFailure).then([]);
      }
    });

    test('a failed restore crashes the session: it takes no execution and cannot be suspended', () => {
      spec([started, ready]).when(restoreFailure).then([restoreFailedEvent()]);
      spec([started, ready, suspended])
        .when({ type: 'RecordRestoreFailure', reason: 'resume', error: 'restore needs longer than 60000 ms' })
        .then([
          {
            type: 'SessionRestoreFailed',
            data: { reason: 'resume', error: 'restore needs longer than 60000 ms', execution_id: undefined, expected: undefined, actual: undefined },
          },
        ]);
      spec([started, ready, suspended, restoreFailedEvent()]).when(run).thenFails('SESSION_NOT_READY');
      spec([started, ready, suspended, restoreFailedEvent()]).when({ type: 'SuspendSession', reason: 'request' }).thenFails('SESSION_NOT_READY');
    });

    test('cancel checks that the execution is the running one and records nothing itself', () => {
      spec([started, ready, running]).when({ type: 'CancelExecution', executionId: 'e1' }).then([]);
      spec([started, ready, running]).when({ type: 'CancelExecution', executionId: 'e9' }).thenFails('EXECUTION_NOT_RUNNING');
      spec([started, ready]).when({ type: 'CancelExecution', executionId: 'e1' }).thenFails('EXECUTION_NOT_RUNNING');
      spec([started, ready, running, { type: 'ExecutionFinished', data: { execution_id: 'e1', status: 'cancelled', metrics: timings, replayable: false } }])
        .when({ type: 'CancelExecution', executionId: 'e1' })
        .thenFails('EXECUTION_NOT_RUNNING');
    });

    test('a fork carries forked_from on SessionStarted; a plain start has none', () => {
      const start = { type: 'StartSession', sessionId: 's2', workspaceId: 'w', baseCommitOid: 'c', worktreePath: '/w', template } as const;
      const data = { session_id: 's2', workspace_id: 'w', base_commit_oid: 'c', worktree_path: '/w', template };
      spec([])
        .when({ ...start, forkedFrom: { session_id: 's1', execution_id: 'e1' } })
        .then([{ type: 'SessionStarted', data: { ...data, forked_from: { session_id: 's1', execution_id: 'e1' } } }]);
      spec([])
        .when({ ...start, forkedFrom: { session_id: 's1' } })
        .then([{ type: 'SessionStarted', data: { ...data, forked_from: { session_id: 's1' } } }]);
      spec([])
        .when(start)
        .then([{ type: 'SessionStarted', data }]);
    });

    test('an execution carries the sha256 of the source it runs', () => {
      spec([started])
        .when({ type: 'StartExecution', executionId: 'e2', kind: 'startup', path: 'boot.js', args: {}, env: {}, sourceSha256: 'ab'.repeat(32) })
        .then([{ type: 'ExecutionStarted', data: { execution_id: 'e2', kind: 'startup', input: undefined, path: 'boot.js', args: {}, env: {}, source_sha256: 'ab'.repeat(32) } }]);
    });

    test('a finished execution carries whether it replays and what it observed', () => {
      const finish = { type: 'FinishExecution', executionId: 'e1', status: 'ok', result: 1, metrics: timings } as const;
      spec([started, ready, running])
        .when({ ...finish, replayable: true, recordedCalls: tape })
        .then([{ type: 'ExecutionFinished', data: { execution_id: 'e1', status: 'ok', result: 1, error: undefined, metrics: timings, replayable: true, recorded_calls: tape } }]);
      spec([started, ready, running])
        .when({ ...finish, status: 'cancelled', result: undefined, replayable: false })
        .then([{ type: 'ExecutionFinished', data: { execution_id: 'e1', status: 'cancelled', result: undefined, error: undefined, metrics: timings, replayable: false } }]);
    });

    test('libraries observed while loading are carried by SessionReady', () => {
      spec([started])
        .when({ type: 'MarkSessionReady', recordedCalls: tape })
        .then([{ type: 'SessionReady', data: { recorded_calls: tape } }]);
    });
  });
});

function restoreFailedEvent(): SessionEvent {
  return { type: 'SessionRestoreFailed', data: { reason: 'memory', error: 'replay of e1 diverged', execution_id: 'e1', expected: { a: 1 }, actual: { a: 2 } } };
}
