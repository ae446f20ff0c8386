import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';
import { parseInteger } from '../../cli/parse-flags';
import { printLive } from './follow-execution';

@SubCommand({ name: 'events', arguments: '<executionId>', description: "Page through an execution's events (seq > --after-seq)" })
export class ExecEventsCommand extends ClientCommand {
  protected async execute([executionId]: string[], flags: Flags): Promise<void> {
    const afterSeq = parseInteger('--after-seq', (flags.afterSeq as string) ?? '0', 'VALIDATION_ERROR');
    if (flags.follow) return printLive(this.cli, this.cli.client.followExecution(executionId, afterSeq), 'events');
    const events = await this.cli.client.executionEvents(executionId, afterSeq);
    this.cli.list(events, 'No events found', ['SEQ', 'TYPE', 'TS', 'PAYLOAD'], (e) => [e.seq, e.type, e.ts, JSON.stringify(e.payload)]);
  }

  @Option({ flags: '--follow', description: 'keep printing events as they are recorded until the execution finishes' })
  parseFollow(): boolean {
    return true;
  }

  @Option({ flags: '--after-seq <n>', description: 'the seq of the last event you have seen (default 0)' })
  parseAfterSeq(value: string): string {
    return value;
  }
}
