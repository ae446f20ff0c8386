import { Query } from '@nestjs/cqrs';
import type { ProjectionStatus } from '@vm-system/contract';

export type { ProjectionStatus };

export class GetProjectionStatusQuery extends Query<ProjectionStatus[]> {}
