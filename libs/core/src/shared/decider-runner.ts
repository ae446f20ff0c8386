import { Decider } from '@vm-system/domain';
import { EventStore, StoredEvent } from '@vm-system/ledger';
import { CommandMeta, eventMetadata } from './command-meta';

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
  const { state, seq } = store.aggregate(streamId, decider);
  const events = decider.decide(command, state);
  return store.append(streamId, seq, events, eventMetadata(meta, command.type));
}
