import { Logger } from '@nestjs/common';
import { DomainError } from '@vm-system/domain';
import { SessionRestorer } from '../sessions/restore/session-restorer';
import { CommandMeta, metaLogFields } from '../shared/command-meta';
import { ExecutionResult, StartedExecution } from './session-executor';

/**
 * Carries out the execution's verdict: a lost host is restored before the caller hears back
 * (so its next request finds the session rebuilt); a crossed output limit is a 422 once
 * everything is recorded.
 */
export async function settleOutcome(restorer: SessionRestorer, sessionId: string, { executionId, verdict }: ExecutionResult, meta: CommandMeta): Promise<string> {
  if (verdict.session.type === 'restore') await restorer.restore(sessionId, verdict.session.reason, meta);
  if (verdict.answer.type === 'output_limit') {
    throw new DomainError('OUTPUT_LIMIT_EXCEEDED', `Execution stopped: it crossed the ${verdict.answer.limit} limit`, {
      execution_id: executionId,
      limit: verdict.answer.limit,
    });
  }
  return executionId;
}

/**
 * The caller's answer: the settled execution id when it waits; otherwise the id at once,
 * the outcome settled in the background (everything is in the ledger for the follower).
 */
export function answerExecution(
  restorer: SessionRestorer,
  sessionId: string,
  { executionId, done }: StartedExecution,
  meta: CommandMeta,
  wait: boolean,
  logger: Logger,
): Promise<string> | string {
  const settled = done.then((result) => settleOutcome(restorer, sessionId, result, meta));
  if (wait) return settled;
  settled.catch((error: unknown) => {
    // A crossed limit is recorded and reported by the events; anything else is a bug.
    if (!(error instanceof DomainError)) {
      logger.error({
        msg: `execution ${executionId} did not settle: ${(error as Error).message}`,
        stack: (error as Error).stack,
        execution_id: executionId,
        ...metaLogFields(meta),
      });
    }
  });
  return executionId;
}
