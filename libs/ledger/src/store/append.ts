import { ConcurrencyError } from './concurrency-error';
import { InlineProjector } from './inline-projector';
import { SqlExecutor } from './sql-executor';
import { EventMetadata, LEDGER_SCHEMA_VERSION, NewEvent, StoredEvent } from './stored-event';
import { streamVersion } from './stream-version';
import { storeCheckpoint } from './checkpoints';

/** `'any'` appends after whatever is there (used for streams with a single writer). */
export type ExpectedSeq = number | 'any';

/**
 * Appends one command's events to one stream and runs the inline projections, all in
 * one BEGIN IMMEDIATE transaction: either everything is recorded and projected, or
 * nothing is.
 */
export function appendToStream(
  sql: SqlExecutor,
  projectors: readonly InlineProjector[],
  streamId: string,
  expectedSeq: ExpectedSeq,
  events: readonly NewEvent[],
  metadata: EventMetadata,
): StoredEvent[] {
  if (events.length === 0) return [];
  return sql.immediate(() => {
    const current = streamVersion(sql, streamId);
    if (expectedSeq !== 'any' && current !== expectedSeq) throw new ConcurrencyError(streamId, expectedSeq, current);
    const recordedAt = new Date().toISOString();
    const meta = JSON.stringify({ ...metadata, schema: LEDGER_SCHEMA_VERSION });
    const metaAsStored = JSON.parse(meta) as EventMetadata;
    const stored = events.map((event, i) => {
      const seq = current + i + 1;
      const data = JSON.stringify(event.data ?? {});
      const { position } = sql.get<{ position: number }>(
        'INSERT INTO ledger_events (stream_id, seq, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING position',
        streamId, seq, event.type, data, meta, recordedAt,
      )!;
      // The caller's data object is handed on as is: events are immutable once appended.
      return { position, stream_id: streamId, seq, type: event.type, data: event.data ?? {}, metadata: metaAsStored, recorded_at: recordedAt };
    });
    const last = stored[stored.length - 1].position;
    for (const projector of projectors) {
      for (const event of stored) projector.apply(sql, event);
      storeCheckpoint(sql, projector.name, last);
    }
    return stored;
  });
}
