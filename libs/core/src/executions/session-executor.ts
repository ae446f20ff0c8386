import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ExecutionKind, ExecutionEvent, systemEvent } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { GuestEvent, RunOutcome, RunRequest, SessionSupervisor } from '@vm-system/runtime';
import { CommandMeta, eventMetadata } from '../shared/command-meta';
import { decideForSession } from '../sessions/change-session';
import { ExecutionRecorder } from './execution-recorder';

export interface ExecutionRequest {
  kind: ExecutionKind;
  input?: string;
  path?: string;
  args: Record<string, unknown>;
  env: Record<string, unknown>;
  run: RunRequest;
  /** The text of the input_echo event: the code, or the path. */
  echo: string;
}

export interface ExecutionResult {
  executionId: string;
  outcome: RunOutcome;
  /** The exception's or system event's payload when the execution did not end ok. */
  error?: Record<string, unknown>;
}

const toLedgerEvent = (event: GuestEvent): ExecutionEvent => ({ type: event.type, data: event.payload as Record<string, unknown> });

/**
 * The one path every execution takes: ExecutionStarted (SESSION_BUSY and
 * SESSION_NOT_READY are decided there), input_echo, the guest's events as they come,
 * ExecutionFinished. A crash of the runtime is reported in the outcome for the caller.
 */
@Injectable()
export class SessionExecutor {
  private readonly logger = new Logger('Executions');

  constructor(
    private readonly store: EventStore,
    private readonly supervisor: SessionSupervisor,
  ) {}

  /**
   * Records ExecutionStarted (throwing SESSION_BUSY, SESSION_NOT_READY… before anything
   * runs) and answers the execution id at once with a promise of its end, so a caller
   * can either wait or follow the events.
   */
  start(sessionId: string, request: ExecutionRequest, meta: CommandMeta): { executionId: string; done: Promise<ExecutionResult> } {
    const executionId = randomUUID();
    const { kind, input, path, args, env } = request;
    const recorder = new ExecutionRecorder(this.store, executionId, (causation) => eventMetadata(meta, causation), (error) =>
      this.logger.error(`could not record events of execution ${executionId}: ${error.message}`),
    );
    const echo: ExecutionEvent = { type: 'input_echo', data: { text: request.echo } };
    recorder.start(decideForSession(this.store, sessionId, { type: 'StartExecution', executionId, kind, input, path, args, env }), echo);
    return { executionId, done: this.runToTheEnd(sessionId, executionId, request, recorder, Buffer.byteLength(JSON.stringify(echo.data))) };
  }

  execute(sessionId: string, request: ExecutionRequest, meta: CommandMeta): Promise<ExecutionResult> {
    return this.start(sessionId, request, meta).done;
  }

  private async runToTheEnd(sessionId: string, executionId: string, request: ExecutionRequest, recorder: ExecutionRecorder, echoBytes: number): Promise<ExecutionResult> {
    const outcome = await this.run(sessionId, request.run, recorder, echoBytes);
    const ok = outcome.status === 'ok';
    recorder.finish(
      decideForSession(this.store, sessionId, {
        type: 'FinishExecution',
        executionId,
        status: outcome.status,
        result: ok ? recorder.result : undefined,
        error: ok ? undefined : recorder.error,
        metrics: outcome.metrics,
        replayable: false,
      }),
    );
    return { executionId, outcome, error: outcome.status === 'ok' ? undefined : recorder.error };
  }

  private async run(sessionId: string, request: RunRequest, recorder: ExecutionRecorder, echoBytes: number): Promise<RunOutcome> {
    const runtime = this.supervisor.get(sessionId);
    if (!runtime) {
      const reason = 'The session runtime is gone';
      recorder.record([systemEvent('error', reason)]);
      return { status: 'error', crashed: reason, metrics: { wall_ms: 0, cpu_ms: 0 } };
    }
    return runtime.run(request, { eventsUsed: 1, bytesUsed: echoBytes }, (events: GuestEvent[]) => recorder.record(events.map(toLedgerEvent)));
  }
}
