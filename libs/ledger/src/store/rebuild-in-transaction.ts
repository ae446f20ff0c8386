import { storeCheckpoints } from './checkpoints';
import { InlineProjector } from './inline-projector';
import { iterateAll, headPosition } from './read-all';
import { RebuildProgress, ShadowRebuildReport, compareRows } from './rebuild-in-shadow';
import { SqlExecutor } from './sql-executor';

/**
 * The rebuild on PostgreSQL: the read models are emptied and replayed inside one write
 * transaction, compared with the rows they replace, and committed at once. MVCC keeps
 * every reader (this daemon's and the others') on the old rows until the commit; appends
 * wait on the ledger's write lock meanwhile, which is this engine's price for the same
 * "readers see old or rebuilt rows, never a mix" promise.
 */
export function rebuildInTransaction(sql: SqlExecutor, projectors: readonly InlineProjector[], onProgress?: (progress: RebuildProgress) => void): ShadowRebuildReport {
  const started = performance.now();
  return sql.immediate(() => {
    const head = headPosition(sql);
    const live = projectors.map((projector) => projector.snapshot(sql));
    for (const projector of projectors) projector.reset(sql);
    let events = 0;
    for (const event of iterateAll(sql)) {
      for (const projector of projectors) projector.apply(sql, event);
      if (++events % 5000 === 0) onProgress?.({ position: event.position, head });
    }
    storeCheckpoints(
      sql,
      projectors.map((projector) => projector.name),
      head,
    );
    const projections = projectors.map((projector, i) => compareRows(projector.name, live[i], projector.snapshot(sql)));
    const elapsed = performance.now() - started;
    onProgress?.({ position: head, head });
    return { events, position: head, elapsed_ms: Math.round(elapsed), events_per_s: Math.round(events / (elapsed / 1000)), projections };
  });
}
