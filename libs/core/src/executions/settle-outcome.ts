import { Logger } from '@nestjs/common';
import { DomainError } from '@vm-system/domain';
import { EventStore } from '@vm-system/ledger';
import { SessionSupervisor } from '@vm-system/runtime';
import { changeSession } from '../sessions/change-session';
import { CommandMeta } from '../shared/command-meta';
import { ExecutionResult } from './session-executor';

/**
 * What an execution's outcome means for its session and its caller: a lost runtime
 * crashes the session; a crossed output limit is a 422 once everything is recorded.
 */
export async function settleOutcome(
  store: EventStore,
  supervisor: SessionSupervisor,
  sessionId: string,
  { executionId, outcome }: ExecutionResult,
  meta: CommandMeta,
): Promise<string> {
  if (outcome.crashed) {
    changeSession(store, sessionId, { type: 'RecordSessionCrash', error: outcome.crashed }, meta);
    await supervisor.get(sessionId)?.close();
  }
  if (outcome.limitExceeded) {
    throw new DomainError('OUTPUT_LIMIT_EXCEEDED', `Execution stopped: it crossed the ${outcome.limitExceeded} limit`, {
      execution_id: executionId,
      limit: outcome.limitExceeded,
    });
  }
  return executionId;
}

/**
 * The caller's answer: the settled execution id when it waits; otherwise the id at once,
 * the outcome settled in the background (everything is in the ledger for the follower).
 */
export function answerExecution(
  store: EventStore,
  supervisor: SessionSupervisor,
  sessionId: string,
  { executionId, done }: { executionId: string; done: Promise<ExecutionResult> },
  meta: CommandMeta,
  wait: boolean,
  logger: Logger,
): Promise<string> | string {
  const settled = done.then((result) => settleOutcome(store, supervisor, sessionId, result, meta));
  if (wait) return settled;
  settled.catch((error: unknown) => {
    // A crossed limit is recorded and reported by the events; anything else is a bug.
    if (!(error instanceof DomainError)) logger.error(`execution ${executionId} did not settle: ${(error as Error).stack}`);
  });
  return executionId;
}
