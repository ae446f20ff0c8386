import { SubCommand } from 'nest-commander';
import { RebuildReport } from '@vm-system/client';
import { ClientCommand } from '../../cli/client-command';
import { Progress } from '../../cli/progress';
import { formatTable } from '../../cli/table';

function describeRebuild(report: RebuildReport): string {
  const table = formatTable(
    ['PROJECTION', 'ROWS', 'EQUAL_TO_LIVE', 'DIFFERENCES'],
    report.projections.map((p) => [p.name, p.rows, p.equal ? 'yes' : 'NO', p.differences]),
  );
  const verdict = report.projections.every((p) => p.equal)
    ? 'Every rebuilt read model equals the one it replaced.'
    : 'The rebuilt read models differ from the ones they replaced; the rebuilt ones are now live.';
  return `Rebuilt from ${report.events} events (to position ${report.position}) in ${report.elapsed_ms} ms, ${report.events_per_s} events/s\n${table}\n${verdict}`;
}

@SubCommand({ name: 'rebuild-projections', description: 'Rebuild every read model from the ledger and prove it equal to what it replaced' })
export class OpsRebuildProjectionsCommand extends ClientCommand {
  protected async execute(): Promise<void> {
    const progress = new Progress('replayed');
    const report = await this.cli.client.rebuildProjections((p) => progress.update(p.position, p.head));
    progress.clear();
    this.cli.result(report, () => describeRebuild(report));
  }
}
