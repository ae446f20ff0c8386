import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';
import { parseInteger } from '../../cli/parse-flags';
import { cursorFlag } from './ledger-flags';

@SubCommand({ name: 'stream', arguments: '<streamId>', description: "One stream's events in seq order (seq > --after-seq)" })
export class AuditStreamCommand extends ClientCommand {
  protected async execute([streamId]: string[], flags: Flags): Promise<void> {
    const limit = flags.limit === undefined ? undefined : parseInteger('--limit', flags.limit as string, 'VALIDATION_ERROR');
    const events = await this.cli.client.ledgerStream(streamId, cursorFlag(flags, 'afterSeq', '--after-seq') ?? 0, limit);
    this.cli.list(events, 'No events found', ['SEQ', 'POSITION', 'TYPE', 'ACTOR', 'RECORDED_AT', 'DATA'], (e) => [
      e.seq,
      e.position,
      e.type,
      String(e.metadata.actor ?? ''),
      e.recorded_at,
      JSON.stringify(e.data),
    ]);
  }

  @Option({ flags: '--after-seq <n>', description: 'the seq of the last event you have seen (default 0)' })
  parseAfterSeq(value: string): string {
    return value;
  }

  @Option({ flags: '--limit <n>', description: 'page size (default 100, at most 1000)' })
  parseLimit(value: string): string {
    return value;
  }
}
