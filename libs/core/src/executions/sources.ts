import { createHash } from 'node:crypto';
import { EventStore, StreamBatch } from '@vm-system/ledger';

/**
 * The exact text startup and run_file executions ran, once per sha256, on its own stream:
 * replay runs these bytes, whatever the file on disk says by then.
 */
export const sourceStreamId = (sha256: string) => `source-${sha256}`;

export interface RecordedSource {
  sha256: string;
  /** The batch that records the text, when the ledger does not hold it yet. */
  batch?: StreamBatch;
}

export function sourceOf(store: EventStore, text: string): RecordedSource {
  const sha256 = createHash('sha256').update(text).digest('hex');
  const streamId = sourceStreamId(sha256);
  if (store.streamVersion(streamId) > 0) return { sha256 };
  return { sha256, batch: { streamId, expectedSeq: 0, events: [{ type: 'SourceRecorded', data: { sha256, text } }] } };
}

export function readSource(store: EventStore, sha256: string): string | undefined {
  const [event] = store.readStream(sourceStreamId(sha256), 0, 1);
  return (event?.data as { text?: string } | undefined)?.text;
}
