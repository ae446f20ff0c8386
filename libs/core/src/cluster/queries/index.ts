import { ListClusterNodesHandler } from './list-cluster-nodes.handler';

export const ClusterQueryHandlers = [ListClusterNodesHandler];
export * from './list-cluster-nodes.query';
