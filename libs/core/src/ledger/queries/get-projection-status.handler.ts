import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, readHead } from '@vm-system/ledger';
import { GetProjectionStatusQuery, ProjectionStatus } from './get-projection-status.query';

@QueryHandler(GetProjectionStatusQuery)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatusQuery> {
  constructor(private readonly store: EventStore) {}

  async execute(): Promise<ProjectionStatus[]> {
    const { sql } = this.store;
    const head = readHead(sql);
    const checkpoints = new Map(this.store.checkpoints().map((c) => [c.name, c.position]));
    const recordedAt = (position: number) => sql.get<{ recorded_at: string }>('SELECT recorded_at FROM ledger_events WHERE position = ?', position)?.recorded_at;
    return this.store.projectors.map(({ name }) => {
      const checkpoint = checkpoints.get(name) ?? 0;
      const behind = head.position - checkpoint;
      const since = behind > 0 ? recordedAt(checkpoint + 1) : undefined;
      const lagSeconds = since && head.recorded_at ? (Date.parse(head.recorded_at) - Date.parse(since)) / 1000 : 0;
      return { name, checkpoint, lag_events: behind, lag_seconds: lagSeconds };
    });
  }
}
