import { SqlExecutor } from './sql-executor';
import { StoredEvent } from './stored-event';

/**
 * A read model kept up to date inside the append's transaction (read-your-writes).
 * apply must be deterministic: a rebuild replays the same events and must give the
 * same rows.
 */
export interface InlineProjector {
  readonly name: string;
  apply(sql: SqlExecutor, event: StoredEvent): void;
  /**
   * Optional: the events of one append, in order, with the same effect as apply() on each.
   * Lets a projector fold a batch (e.g. one UPDATE per execution for 2,000 console events).
   */
  applyAll?(sql: SqlExecutor, events: readonly StoredEvent[]): void;
  /** Empties the read model before a rebuild. */
  reset(sql: SqlExecutor): void;
  /** Rows in a stable order, to compare a rebuild with the live model. */
  snapshot(sql: SqlExecutor): unknown[];
}
