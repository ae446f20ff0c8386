import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';
import { parseInteger } from '../../cli/parse-flags';

@SubCommand({ name: 'list', arguments: '<sessionId>', description: "List a session's executions, newest first" })
export class ExecListCommand extends ClientCommand {
  protected async execute([sessionId]: string[], flags: Flags): Promise<void> {
    const limit = flags.limit === undefined ? undefined : parseInteger('--limit', flags.limit as string, 'VALIDATION_ERROR');
    const executions = await this.cli.client.listExecutions(sessionId, limit);
    this.cli.list(executions, 'No executions found', ['ID', 'KIND', 'STATUS', 'STARTED', 'EVENTS', 'INPUT'], (e) => [
      e.id,
      e.kind,
      e.status,
      e.started_at,
      e.metrics.event_count,
      oneLine(e.input ?? e.path ?? ''),
    ]);
  }

  @Option({ flags: '--limit <n>', description: 'at most this many (default 50)' })
  parseLimit(value: string): string {
    return value;
  }
}

const oneLine = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text).replace(/\s+/g, ' ');
