import { Option, SubCommand } from 'nest-commander';
import { once } from 'node:events';
import { ClientCommand, Flags } from '../../cli/client-command';
import { Progress } from '../../cli/progress';
import { cursorFlag } from './ledger-flags';

@SubCommand({ name: 'export', description: 'The ledger as NDJSON on stdout (one row per line, hash included), for audit import or your own tools' })
export class AuditExportCommand extends ClientCommand {
  protected async execute(_: string[], flags: Flags): Promise<void> {
    const after = cursorFlag(flags, 'afterPosition', '--after-position') ?? 0;
    const head = await this.cli.client.ledgerHead();
    const progress = new Progress('exported');
    let count = 0;
    for await (const line of this.cli.client.exportLedger(after)) {
      if (!process.stdout.write(`${line}\n`)) await once(process.stdout, 'drain');
      progress.update(++count, Math.max(head.position - after, count));
    }
    progress.finish(count);
  }

  @Option({ flags: '--after-position <n>', description: 'only rows after this position (default 0: everything)' })
  parseAfterPosition(value: string): string {
    return value;
  }
}
