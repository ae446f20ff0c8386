import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'nodes', description: 'The daemons sharing the ledger: lease, status and live sessions of each (on SQLite: this one)' })
export class OpsNodesCommand extends ClientCommand {
  protected async execute(): Promise<void> {
    const nodes = await this.cli.client.clusterNodes();
    this.cli.list(nodes, 'No nodes', ['NODE', 'STATUS', 'LIVE_SESSIONS', 'LEASE_EXPIRES', 'URL'], (n) => [
      n.node_id,
      n.status,
      n.live_sessions,
      n.lease_expires_at,
      n.advertise_url,
    ]);
  }
}
