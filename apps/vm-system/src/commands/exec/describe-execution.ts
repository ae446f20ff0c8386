import { ExecutionWithEvents } from '@vm-system/client';

/** The lines cli-output.md fixes for `exec repl` and `exec run-file`. */
export function describeExecution(execution: ExecutionWithEvents): string {
  const lines = [`Execution ID: ${execution.id}`, `Status: ${execution.status}`];
  if (execution.status === 'ok') lines.push(`Result: ${JSON.stringify(execution.result ?? null)}`);
  else lines.push(`Error: ${JSON.stringify(execution.error ?? null)}`);
  lines.push('', 'Events:');
  for (const event of execution.events) lines.push(`[${event.seq}] ${event.type}: ${JSON.stringify(event.payload)}`);
  return lines.join('\n');
}
