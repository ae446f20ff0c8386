import { SessionCommand, sessionDecider, sessionStreamId } from '@vm-system/domain';
import { EventStore, StoredEvent, StreamBatch } from '@vm-system/ledger';
import { CommandMeta } from '../shared/command-meta';
import { decideOnStream, runDecider } from '../shared/decider-runner';
import { namingTheMissing } from '../shared/not-found';

export function changeSession(store: EventStore, sessionId: string, command: SessionCommand, meta: CommandMeta): StoredEvent[] {
  return namingTheMissing('SESSION_NOT_FOUND', sessionId, () => runDecider(store, sessionStreamId(sessionId), sessionDecider, command, meta));
}

/** The session's events for a command, to append together with another stream's. */
export function decideForSession(store: EventStore, sessionId: string, command: SessionCommand): StreamBatch {
  return namingTheMissing('SESSION_NOT_FOUND', sessionId, () => decideOnStream(store, sessionStreamId(sessionId), sessionDecider, command));
}
