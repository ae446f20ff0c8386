import Database from 'better-sqlite3';
import type { Database as Connection } from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { storeCheckpoints } from './checkpoints';
import { InlineProjector } from './inline-projector';
import { readAll } from './read-all';
import { SqlExecutor, sqliteExecutor } from './sql-executor';

export interface ProjectionComparison {
  name: string;
  rows: number;
  /** The rebuilt rows are the rows they replaced. */
  equal: boolean;
  /** Rows in one side but not the other (0 when equal). */
  differences: number;
}

export interface ShadowRebuildReport {
  events: number;
  position: number;
  elapsed_ms: number;
  events_per_s: number;
  projections: ProjectionComparison[];
}

export interface RebuildProgress {
  position: number;
  head: number;
}

const CHUNK = 5000;

/**
 * Rebuilds every read model from position 0 into a scratch database beside the ledger,
 * a chunk per event-loop turn, so the daemon keeps serving (and appending) meanwhile.
 * Then, synchronously (nothing can interleave): catch up with what was appended during
 * the rebuild, compare the rebuilt rows with the live ones, and swap them in within one
 * transaction.
 */
export async function rebuildInShadow(
  main: Connection,
  projectors: readonly InlineProjector[],
  shadowFile: string,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<ShadowRebuildReport> {
  const started = performance.now();
  const mainSql = sqliteExecutor(main);
  rmSync(shadowFile, { force: true });
  const shadow = new Database(shadowFile);
  try {
    shadow.pragma('journal_mode = OFF');
    shadow.pragma('synchronous = OFF');
    const tables = copyProjectionSchema(main, shadow);
    const shadowSql = sqliteExecutor(shadow);
    let cursor = 0;
    let events = 0;
    const applyChunk = () => {
      const page = readAll(mainSql, cursor, CHUNK);
      shadowSql.immediate(() => {
        for (const projector of projectors) {
          if (projector.applyAll) projector.applyAll(shadowSql, page);
          else for (const event of page) projector.apply(shadowSql, event);
        }
      });
      if (page.length > 0) cursor = page[page.length - 1].position;
      events += page.length;
      return page.length;
    };
    while (applyChunk() === CHUNK) {
      onProgress?.({ position: cursor, head: headOf(mainSql) });
      await nextTurn();
    }
    // From here on synchronous: no append of this process can come between.
    while (applyChunk() === CHUNK);
    const projections = projectors.map((projector) => compare(projector, mainSql, shadowSql));
    shadow.close();
    swapIn(main, mainSql, shadowFile, tables, projectors, cursor);
    const elapsed = performance.now() - started;
    onProgress?.({ position: cursor, head: cursor });
    return { events, position: cursor, elapsed_ms: Math.round(elapsed), events_per_s: Math.round(events / (elapsed / 1000)), projections };
  } finally {
    if (shadow.open) shadow.close();
    rmSync(shadowFile, { force: true });
  }
}

const headOf = (sql: SqlExecutor) => sql.get<{ p: number | null }>('SELECT MAX(position) AS p FROM ledger_events')?.p ?? 0;

/** The read models' tables and indexes, as the migrations created them in the ledger file. */
function copyProjectionSchema(main: Connection, shadow: Connection): string[] {
  const objects = main
    .prepare<[], { type: string; name: string; sql: string }>(
      "SELECT type, name, sql FROM sqlite_master WHERE tbl_name LIKE 'proj\\_%' ESCAPE '\\' AND sql IS NOT NULL ORDER BY type DESC",
    )
    .all();
  for (const object of objects) shadow.exec(object.sql);
  return objects.filter((o) => o.type === 'table').map((o) => o.name);
}

function compare(projector: InlineProjector, live: SqlExecutor, rebuilt: SqlExecutor): ProjectionComparison {
  return compareRows(projector.name, projector.snapshot(live), projector.snapshot(rebuilt));
}

/** The live read model's rows against the rebuilt ones, as sets of rows. */
export function compareRows(name: string, live: unknown[], rebuilt: unknown[]): ProjectionComparison {
  const before = live.map((row) => JSON.stringify(row));
  const after = rebuilt.map((row) => JSON.stringify(row));
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  const differences = before.filter((row) => !afterSet.has(row)).length + after.filter((row) => !beforeSet.has(row)).length;
  return { name, rows: after.length, equal: differences === 0 && before.length === after.length, differences };
}

function swapIn(main: Connection, mainSql: SqlExecutor, shadowFile: string, tables: string[], projectors: readonly InlineProjector[], position: number): void {
  main.prepare('ATTACH DATABASE ? AS rebuilt').run(shadowFile);
  try {
    mainSql.immediate(() => {
      for (const table of tables) {
        main.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} SELECT * FROM rebuilt.${table};`);
      }
      storeCheckpoints(
        mainSql,
        projectors.map((projector) => projector.name),
        position,
      );
    });
  } finally {
    main.exec('DETACH DATABASE rebuilt');
  }
}
