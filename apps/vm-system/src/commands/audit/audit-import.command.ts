import { SubCommand } from 'nest-commander';
import { createReadStream, statSync } from 'node:fs';
import { ClientCommand } from '../../cli/client-command';
import { Progress } from '../../cli/progress';

@SubCommand({ name: 'import', arguments: '<file>', description: "Load an audit export into the daemon's empty ledger (every hash is checked; all or nothing)" })
export class AuditImportCommand extends ClientCommand {
  protected async execute([file]: string[]): Promise<void> {
    const size = statSync(file).size;
    const progress = new Progress('uploaded');
    const body = createReadStream(file);
    body.on('data', () => progress.update(body.bytesRead, size, 'bytes'));
    const report = await this.cli.client.importLedger(body);
    progress.finish(body.bytesRead, 'bytes');
    this.cli.result(report, () => `Imported ${report.events} events; head position ${report.head_position}, hash ${report.head_hash}`);
  }
}
