import { ExecutionWithEvents } from '@vm-system/client';
import { describeEvent, describeOutcome } from './follow-execution';

/**
 * The lines cli-output.md fixes for `exec repl` and `exec run-file`; the source's sha256,
 * when recorded, follows the outcome so the fixed first lines keep their places.
 */
export function describeExecution(execution: ExecutionWithEvents): string {
  const source = execution.source_sha256 ? [`Source SHA256: ${execution.source_sha256}`] : [];
  return [...describeOutcome(execution), ...source, '', 'Events:', ...execution.events.map(describeEvent)].join('\n');
}
