import { Option, SubCommand } from 'nest-commander';
import { Flags } from '../../cli/client-command';
import { LedgerFilterCommand } from './ledger-filter-command';
import { parseInteger } from '../../cli/parse-flags';
import { LEDGER_HEADERS, cursorFlag, ledgerFilter, ledgerRow } from './ledger-flags';

@SubCommand({ name: 'events', description: 'A page of the ledger (position > --after-position), optionally filtered' })
export class AuditEventsCommand extends LedgerFilterCommand {
  protected async execute(_: string[], flags: Flags): Promise<void> {
    const limit = flags.limit === undefined ? undefined : parseInteger('--limit', flags.limit as string, 'VALIDATION_ERROR');
    const events = await this.cli.client.ledgerEvents(cursorFlag(flags, 'afterPosition', '--after-position') ?? 0, limit, ledgerFilter(flags));
    this.cli.list(events, 'No events found', LEDGER_HEADERS, ledgerRow);
  }

  @Option({ flags: '--limit <n>', description: 'page size (default 100, at most 1000)' })
  parseLimit(value: string): string {
    return value;
  }
}
