import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, ExecutionEvent, ExecutionKind, ExecutionVerdict, decideExecutionOutcome, recordedStatus, systemEvent } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { GuestEvent, RunOutcome, RunRequest, SessionSupervisor } from '@vm-system/runtime';
import { CommandMeta, eventMetadata, metaLogFields } from '../shared/command-meta';
import { LedgerRetries, isLedgerUnavailable } from '../shared/ledger-retries';
import { decideForSession } from '../sessions/change-session';
import { SessionActivity } from '../sessions/idle/session-activity';
import { SessionRestorer } from '../sessions/restore/session-restorer';
import { ExecutionRecorder } from './execution-recorder';
import { sourceOf } from './sources';

export interface ExecutionRequest {
  kind: ExecutionKind;
  input?: string;
  path?: string;
  args: Record<string, unknown>;
  env: Record<string, unknown>;
  run: RunRequest;
  /** The text of the input_echo event: the code, or the path. */
  echo: string;
  /** The caller is answered when the execution starts (`wait: false`): its start is committed at once. */
  answeredAtStart?: boolean;
}

export interface ExecutionResult {
  executionId: string;
  outcome: RunOutcome;
  /** What the outcome means for the session and the caller (see decideExecutionOutcome). */
  verdict: ExecutionVerdict;
  /** The exception's or system event's payload when the execution did not end ok. */
  error?: Record<string, unknown>;
}

export interface StartedExecution {
  executionId: string;
  done: Promise<ExecutionResult>;
}

const toLedgerEvent = (event: GuestEvent): ExecutionEvent => ({ type: event.type, data: event.payload as Record<string, unknown> });
const unrecordedMessage = (error: Error) => `Execution stopped: its output could not be recorded (${isLedgerUnavailable(error) ? 'ledger unavailable' : error.message})`;

/**
 * The one path every execution takes: ExecutionStarted (SESSION_BUSY and
 * SESSION_NOT_READY are decided there), input_echo, the guest's events as they come,
 * ExecutionFinished with whether a restore replays it. A file's text is recorded once per
 * sha256, so a replay runs what ran. Output the ledger refuses stops the run (code whose
 * output cannot be recorded must not go on acting unseen); an end it refuses is retried.
 */
@Injectable()
export class SessionExecutor implements OnApplicationShutdown {
  private readonly logger = new Logger('Executions');
  private readonly running = new Map<string, Promise<ExecutionResult>>();
  private readonly finishRetries = new LedgerRetries();

  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
    private readonly restorer: SessionRestorer,
    private readonly activity: SessionActivity,
  ) {}

  /**
   * Resumes the session if it is suspended (or rebuilds it if its host is gone), then starts.
   * An idle suspension may land between the two: then it resumes once more.
   */
  async startWhenLive(sessionId: string, request: ExecutionRequest, meta: CommandMeta): Promise<StartedExecution> {
    await this.restorer.ensureLive(sessionId, meta);
    try {
      return this.start(sessionId, request, meta);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'SESSION_NOT_READY' && error.details?.status === 'suspended')) throw error;
      await this.restorer.ensureLive(sessionId, meta);
      return this.start(sessionId, request, meta);
    }
  }

  /**
   * Records ExecutionStarted (throwing SESSION_BUSY, SESSION_NOT_READY… before anything
   * runs) and answers the execution id at once with a promise of its end, so a caller
   * can either wait or follow the events.
   */
  start(sessionId: string, request: ExecutionRequest, meta: CommandMeta): StartedExecution {
    const executionId = randomUUID();
    const { kind, input, path, args, env } = request;
    const logFields = { execution_id: executionId, session_id: sessionId, ...metaLogFields(meta) };
    const recorder = new ExecutionRecorder(
      this.store,
      executionId,
      (causation) => eventMetadata(meta, causation),
      (error, first) => this.stopUnrecordedRun(sessionId, executionId, error, first, logFields),
    );
    const echo: ExecutionEvent = { type: 'input_echo', data: { text: request.echo } };
    const source = request.run.kind === 'file' ? sourceOf(this.store, request.run.code) : undefined;
    const startCommand = { type: 'StartExecution' as const, executionId, kind, input, path, args, env, sourceSha256: source?.sha256 };
    recorder.start(decideForSession(this.store, sessionId, startCommand), echo, source?.batch, !request.answeredAtStart);
    this.activity.touch(sessionId);
    const done = this.runToTheEnd(sessionId, executionId, request, recorder, Buffer.byteLength(JSON.stringify(echo.data)))
      .then((result) => {
        // Written when the execution ends, after its request may have been answered: the
        // request's ids tie the two together.
        this.logger.debug({ msg: 'execution finished', ...logFields, kind, status: result.outcome.status, wall_ms: result.outcome.metrics.wall_ms });
        return result;
      })
      .finally(() => {
        this.running.delete(executionId);
        this.activity.touch(sessionId);
      });
    this.running.set(executionId, done);
    return { executionId, done };
  }

  onApplicationShutdown(): void {
    this.finishRetries.stop();
  }

  execute(sessionId: string, request: ExecutionRequest, meta: CommandMeta): Promise<ExecutionResult> {
    return this.start(sessionId, request, meta).done;
  }

  /** The end of an execution this daemon runs, or undefined. */
  whenDone(executionId: string): Promise<ExecutionResult> | undefined {
    return this.running.get(executionId);
  }

  private async runToTheEnd(sessionId: string, executionId: string, request: ExecutionRequest, recorder: ExecutionRecorder, echoBytes: number): Promise<ExecutionResult> {
    const run = await this.run(sessionId, request.run, recorder, echoBytes);
    const outcome: RunOutcome = { ...run, status: recordedStatus({ status: run.status, outputUnrecorded: recorder.outputRefused }) };
    const verdict = decideExecutionOutcome({
      kind: request.kind,
      status: outcome.status,
      hostLoss: outcome.hostLoss,
      limitExceeded: outcome.limitExceeded,
      recordingOverflowed: outcome.recordingOverflowed,
      abandoned: outcome.abandoned,
      outputUnrecorded: recorder.outputRefused,
    });
    const ok = outcome.status === 'ok';
    const finish = () =>
      recorder.finish(
        decideForSession(this.store, sessionId, {
          type: 'FinishExecution',
          executionId,
          status: outcome.status,
          result: ok ? recorder.result : undefined,
          error: ok ? undefined : recorder.error,
          metrics: outcome.metrics,
          replayable: verdict.replayable,
          recordedCalls: verdict.replayable ? outcome.recordedCalls : undefined,
        }),
      );
    try {
      finish();
    } catch (error) {
      if (recorder.startUnrecorded) await this.forgetUnrecordedRun(sessionId, recorder);
      else if (isLedgerUnavailable(error)) this.retryFinish(executionId, finish);
      throw error;
    }
    return { executionId, outcome, verdict, error: ok ? undefined : recorder.error };
  }

  /**
   * The first window the ledger refused stops the run; the caller hears why once its end is
   * recorded (or 503 while the ledger still refuses).
   */
  private stopUnrecordedRun(sessionId: string, executionId: string, error: Error, first: boolean, logFields: Record<string, unknown>): void {
    const code = error instanceof DomainError ? error.code : undefined;
    this.logger[first ? 'warn' : 'debug']({ msg: `could not record output of execution ${executionId}: ${error.message}`, code, ...logFields });
    if (first) this.supervisor.get(sessionId)?.cancel(unrecordedMessage(error));
  }

  /** Tries the refused end again until the ledger takes it; the daemon's shutdown stops trying. */
  private retryFinish(executionId: string, finish: () => void): void {
    this.finishRetries.retry(() => {
      try {
        finish();
        this.logger.log({ msg: `execution ${executionId}: its end, refused before, is recorded`, execution_id: executionId });
        return 'done';
      } catch (error) {
        if (isLedgerUnavailable(error)) return 'again';
        this.logger.warn({ msg: `execution ${executionId}: its end could not be recorded: ${(error as Error).message}`, execution_id: executionId });
        return 'done';
      }
    });
  }

  /**
   * The guest ran code whose start never reached the ledger: the live state now holds what
   * no replay would produce. The host goes, and the session's next use rebuilds it from
   * what the ledger holds.
   */
  private async forgetUnrecordedRun(sessionId: string, recorder: ExecutionRecorder): Promise<void> {
    recorder.discardStart();
    this.logger.warn({ msg: `session ${sessionId}: an execution could not be recorded; its host is closed so the session is rebuilt from the ledger`, session_id: sessionId });
    await this.supervisor.get(sessionId)?.close();
  }

  private async run(sessionId: string, request: RunRequest, recorder: ExecutionRecorder, echoBytes: number): Promise<RunOutcome> {
    const runtime = this.supervisor.get(sessionId);
    if (!runtime) {
      const reason = 'The session runtime is gone';
      recorder.record([systemEvent('error', reason)]);
      return { status: 'error', crashed: reason, hostLoss: 'host_lost', metrics: { wall_ms: 0, cpu_ms: 0 } };
    }
    return runtime.run(request, { eventsUsed: 1, bytesUsed: echoBytes }, (events: GuestEvent[]) => recorder.record(events.map(toLedgerEvent)));
  }
}
