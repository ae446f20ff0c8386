import { Query } from '@nestjs/cqrs';

export interface ProjectionStatus {
  name: string;
  /** The last ledger position the read model has applied. */
  checkpoint: number;
  lag_events: number;
  /** Between the head's commit and the checkpoint's commit. */
  lag_seconds: number;
}

export class GetProjectionStatusQuery extends Query<ProjectionStatus[]> {}
