import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ListClusterNodesQuery } from '@vm-system/core';
import { ClusterNode } from '@vm-system/contract';

@Controller('cluster')
export class ClusterController {
  constructor(private readonly queries: QueryBus) {}

  @Get('nodes')
  nodes(): Promise<ClusterNode[]> {
    return this.queries.execute(new ListClusterNodesQuery());
  }
}
