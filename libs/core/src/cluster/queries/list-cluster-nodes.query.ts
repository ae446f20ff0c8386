import { Query } from '@nestjs/cqrs';
import type { ClusterNodeView } from '../cluster-membership';

/** The daemons sharing this ledger, with their leases. */
export class ListClusterNodesQuery extends Query<ClusterNodeView[]> {}
