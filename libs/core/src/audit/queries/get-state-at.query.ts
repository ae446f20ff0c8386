import { Query } from '@nestjs/cqrs';

/** A point in the ledger's history: a position, or a commit time (ISO 8601). */
export type PointInHistory = { position: number } | { timestamp: string };

export interface StateAt {
  stream_id: string;
  kind: 'template' | 'session';
  at: PointInHistory;
  /** The last event folded in (0 and null when the aggregate did not exist yet). */
  seq: number;
  position: number;
  recorded_at: string | null;
  state: Record<string, unknown>;
}

/** A template's or session's state rebuilt from its events up to a point in history. */
export class GetStateAtQuery extends Query<StateAt> {
  constructor(
    readonly id: string,
    /** Now (the head) when absent. */
    readonly at?: PointInHistory,
  ) {
    super();
  }
}
