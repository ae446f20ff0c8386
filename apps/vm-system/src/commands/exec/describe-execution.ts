import { ExecutionWithEvents } from '@vm-system/client';
import { describeEvent, describeOutcome } from './follow-execution';

/** The lines cli-output.md fixes for `exec repl` and `exec run-file`. */
export function describeExecution(execution: ExecutionWithEvents): string {
  return [...describeOutcome(execution), '', 'Events:', ...execution.events.map(describeEvent)].join('\n');
}
