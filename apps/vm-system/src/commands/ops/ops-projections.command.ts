import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'projections', description: "Each read model's checkpoint and how far it lags the ledger's head" })
export class OpsProjectionsCommand extends ClientCommand {
  protected async execute(): Promise<void> {
    const projections = await this.cli.client.projections();
    this.cli.list(projections, 'No projections', ['NAME', 'CHECKPOINT', 'LAG_EVENTS', 'LAG_SECONDS'], (p) => [p.name, p.checkpoint, p.lag_events, p.lag_seconds]);
  }
}
