import { Execution, ExecutionEvent, ExecutionFollowItem } from '@vm-system/client';
import { CliContext } from '../../cli/cli-context';

/** How a live execution is shown: every event (`exec events --follow`) or its console as a terminal would. */
export type LiveView = 'events' | 'console';

export const describeEvent = (event: ExecutionEvent) => `[${event.seq}] ${event.type}: ${JSON.stringify(event.payload)}`;

/** The outcome lines cli-output.md fixes for an execution (without its events). */
export function describeOutcome(execution: Execution): string[] {
  const lines = [`Execution ID: ${execution.id}`, `Status: ${execution.status}`];
  if (execution.status === 'ok') lines.push(`Result: ${JSON.stringify(execution.result ?? null)}`);
  else lines.push(`Error: ${JSON.stringify(execution.error ?? null)}`);
  return lines;
}

function consoleLine(event: ExecutionEvent): string | undefined {
  const payload = event.payload as { text?: string; level?: string; message?: string };
  if (event.type === 'console' || event.type === 'stdout' || event.type === 'stderr') return payload.text;
  if (event.type === 'system') return `[system ${payload.level}] ${payload.message}`;
  return undefined;
}

/**
 * Prints a followed execution as it happens: with --output json one JSON line per item
 * ({"kind":"event",…} then {"kind":"end",…}); else human lines, then the outcome.
 * Fails when the stream ends before the execution did (the daemon went away).
 */
export async function printLive(cli: CliContext, items: AsyncIterable<ExecutionFollowItem>, view: LiveView): Promise<void> {
  for await (const item of items) {
    if (cli.json) {
      cli.print(JSON.stringify(item));
    } else if (item.kind === 'event') {
      const line = view === 'events' ? describeEvent(item.event) : consoleLine(item.event);
      if (line !== undefined) cli.print(line);
    } else {
      cli.print([...(view === 'console' ? [''] : []), ...describeOutcome(item.execution)].join('\n'));
    }
    if (item.kind === 'end') return;
  }
  throw new Error('the daemon closed the live tail before the execution finished');
}
