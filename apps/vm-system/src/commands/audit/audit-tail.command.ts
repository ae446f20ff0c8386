import { SubCommand } from 'nest-commander';
import { Flags } from '../../cli/client-command';
import { LedgerFilterCommand } from './ledger-filter-command';
import { cursorFlag, ledgerFilter, ledgerLine } from './ledger-flags';

@SubCommand({ name: 'tail', description: 'Follow the ledger live (from the head, or after --after-position) until Ctrl+C' })
export class AuditTailCommand extends LedgerFilterCommand {
  protected async execute(_: string[], flags: Flags): Promise<void> {
    const after = cursorFlag(flags, 'afterPosition', '--after-position') ?? (await this.cli.client.ledgerHead()).position;
    for await (const event of this.cli.client.followLedger(after, ledgerFilter(flags))) {
      this.cli.print(this.cli.json ? JSON.stringify(event) : ledgerLine(event));
    }
    throw new Error('the daemon closed the live tail (it is shutting down)');
  }
}
