import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClusterMembership, ClusterNodeView } from '../cluster-membership';
import { ListClusterNodesQuery } from './list-cluster-nodes.query';

@QueryHandler(ListClusterNodesQuery)
export class ListClusterNodesHandler implements IQueryHandler<ListClusterNodesQuery> {
  constructor(private readonly membership: ClusterMembership) {}

  async execute(): Promise<ClusterNodeView[]> {
    return this.membership.nodes();
  }
}
