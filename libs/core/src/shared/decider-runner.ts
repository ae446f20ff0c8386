import { Decider } from '@vm-system/domain';
import { EventStore, StoredEvent, StreamBatch } from '@vm-system/ledger';
import { CommandMeta, eventMetadata } from './command-meta';

/** Load the stream and decide: the events and the seq they must be appended after. */
export function decideOnStream<C, E extends { type: string; data: unknown }, S>(store: EventStore, streamId: string, decider: Decider<C, E, S>, command: C): StreamBatch {
  const { state, seq } = store.aggregate(streamId, decider);
  return { streamId, expectedSeq: seq, events: decider.decide(command, state) };
}

/**
 * The whole of a command handler's orchestration: load the stream, decide, append with
 * the seq it was loaded at (so a concurrent change fails instead of being overwritten).
 */
export function runDecider<C extends { type: string }, E extends { type: string; data: unknown }, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  meta: CommandMeta,
): StoredEvent[] {
  const batch = decideOnStream(store, streamId, decider, command);
  return store.append(batch.streamId, batch.expectedSeq, batch.events, eventMetadata(meta, command.type));
}
