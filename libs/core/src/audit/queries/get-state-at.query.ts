import { Query } from '@nestjs/cqrs';
import type { PointInHistory, StateAt } from '@vm-system/contract';

// What the query answers is the wire's StateAt: one definition, the contract's.
export type { PointInHistory, StateAt };

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
