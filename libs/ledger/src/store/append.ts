import { ConcurrencyError } from './concurrency-error';
import { InlineProjector } from './inline-projector';
import { SqlExecutor } from './sql-executor';
import { EventMetadata, LEDGER_SCHEMA_VERSION, NewEvent, StoredEvent } from './stored-event';
import { streamVersion } from './stream-version';
import { storeCheckpoints } from './checkpoints';
import { GENESIS_HASH, chainHash } from '../chain/ledger-hash';
import { LedgerHead, readHead } from './ledger-head';

/** `'any'` appends after whatever is there (used for streams with a single writer). */
export type ExpectedSeq = number | 'any';

/** Events for one stream, appended only if the stream is at `expectedSeq`. */
export interface StreamBatch {
  streamId: string;
  expectedSeq: ExpectedSeq;
  events: readonly NewEvent[];
  /** This batch's own metadata, when it differs from the append's (a held-back batch committed with a later one). */
  metadata?: EventMetadata;
}

/**
 * Checked inside the append's transaction before anything is written; throwing refuses the
 * whole append. The cluster's fencing: a daemon that lost a session cannot write to it.
 */
export type AppendFence = (sql: SqlExecutor, batches: readonly StreamBatch[]) => void;

/**
 * Appends the batches of one command (one or several streams) and runs the inline
 * projections, all in one BEGIN IMMEDIATE transaction: either everything is recorded and
 * projected, or nothing is (a stale expected seq on any stream fails the whole append).
 */
export function appendToStreams(
  sql: SqlExecutor,
  projectors: readonly InlineProjector[],
  batches: readonly StreamBatch[],
  metadata: EventMetadata,
  fence?: AppendFence,
): StoredEvent[] {
  if (batches.every((b) => b.events.length === 0)) return [];
  return sql.immediate(() => {
    fence?.(sql, batches);
    const recordedAt = new Date().toISOString();
    const asStored = storedMetadata(metadata);
    const stored: StoredEvent[] = [];
    // Read inside the transaction: with the write lock held, nobody else can move the head.
    let head: Pick<LedgerHead, 'position' | 'hash'> = readHead(sql);
    for (const { streamId, expectedSeq, events, metadata: own } of batches) {
      if (events.length === 0) continue;
      const { meta, metaAsStored } = own ? storedMetadata(own) : asStored;
      const current = streamVersion(sql, streamId);
      if (expectedSeq !== 'any' && current !== expectedSeq) throw new ConcurrencyError(streamId, expectedSeq, current);
      const rows: unknown[][] = [];
      events.forEach((event, i) => {
        const seq = current + i + 1;
        const position = head.position + 1;
        const data = JSON.stringify(event.data ?? {});
        const hash = chainHash(head.hash ?? GENESIS_HASH, { position, stream_id: streamId, seq, type: event.type, data, metadata: meta, recorded_at: recordedAt });
        rows.push([position, streamId, seq, event.type, data, meta, recordedAt, hash]);
        head = { position, hash };
        // The caller's data object is handed on as is: events are immutable once appended.
        stored.push({ position, stream_id: streamId, seq, type: event.type, data: event.data ?? {}, metadata: metaAsStored, recorded_at: recordedAt, hash });
      });
      // Written before the next batch reads its stream's version (it may be this stream).
      insertRows(sql, rows);
    }
    const last = stored[stored.length - 1].position;
    for (const projector of projectors) {
      if (projector.applyAll) projector.applyAll(sql, stored);
      else for (const event of stored) projector.apply(sql, event);
    }
    storeCheckpoints(
      sql,
      projectors.map((projector) => projector.name),
      last,
    );
    return stored;
  });
}

function storedMetadata(metadata: EventMetadata): { meta: string; metaAsStored: EventMetadata } {
  const meta = JSON.stringify({ ...metadata, schema: LEDGER_SCHEMA_VERSION });
  return { meta, metaAsStored: JSON.parse(meta) as EventMetadata };
}

const INSERT_COLUMNS = 'INSERT INTO ledger_events (position, stream_id, seq, type, data, metadata, recorded_at, hash) VALUES ';
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?)';
/** Rows per multi-row INSERT: one statement text, so it is prepared once (8 × 64 parameters). */
const CHUNK = 64;
const INSERT_ONE = INSERT_COLUMNS + ROW;
const INSERT_CHUNK = INSERT_COLUMNS + Array(CHUNK).fill(ROW).join(', ');

/**
 * The append's rows, CHUNK at a time and the rest one by one: a flood's window of ~2,000
 * events is ~32 statements instead of 2,000 (each a round trip on PostgreSQL).
 */
function insertRows(sql: SqlExecutor, rows: unknown[][]): void {
  let i = 0;
  for (; i + CHUNK <= rows.length; i += CHUNK) sql.run(INSERT_CHUNK, ...rows.slice(i, i + CHUNK).flat());
  for (; i < rows.length; i++) sql.run(INSERT_ONE, ...rows[i]);
}

/** One stream's events: the common case of appendToStreams. */
export function appendToStream(
  sql: SqlExecutor,
  projectors: readonly InlineProjector[],
  streamId: string,
  expectedSeq: ExpectedSeq,
  events: readonly NewEvent[],
  metadata: EventMetadata,
): StoredEvent[] {
  return appendToStreams(sql, projectors, [{ streamId, expectedSeq, events }], metadata);
}
