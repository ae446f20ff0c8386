import { storeCheckpoints } from './checkpoints';
import { InlineProjector } from './inline-projector';
import { iterateAll, headPosition } from './read-all';
import { SqlExecutor } from './sql-executor';

export interface RebuildReport {
  events: number;
  position: number;
  millis: number;
}

/**
 * Empties every read model and replays the ledger from position 0 in one write
 * transaction, so readers see either the old rows or the rebuilt ones.
 */
export function rebuildProjections(sql: SqlExecutor, projectors: readonly InlineProjector[], onProgress?: (events: number) => void): RebuildReport {
  const started = Date.now();
  return sql.immediate(() => {
    for (const projector of projectors) projector.reset(sql);
    let events = 0;
    for (const event of iterateAll(sql)) {
      for (const projector of projectors) projector.apply(sql, event);
      if (++events % 10000 === 0) onProgress?.(events);
    }
    const position = headPosition(sql);
    storeCheckpoints(
      sql,
      projectors.map((projector) => projector.name),
      position,
    );
    return { events, position, millis: Date.now() - started };
  });
}
