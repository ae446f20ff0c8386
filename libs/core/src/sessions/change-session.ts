import { DomainError, SessionCommand, sessionDecider, sessionStreamId } from '@vm-system/domain';
import { EventStore, StoredEvent, StreamBatch } from '@vm-system/ledger';
import { CommandMeta } from '../shared/command-meta';
import { decideOnStream, runDecider } from '../shared/decider-runner';

export function changeSession(store: EventStore, sessionId: string, command: SessionCommand, meta: CommandMeta): StoredEvent[] {
  return namingTheSession(sessionId, () => runDecider(store, sessionStreamId(sessionId), sessionDecider, command, meta));
}

/** The session's events for a command, to append together with another stream's. */
export function decideForSession(store: EventStore, sessionId: string, command: SessionCommand): StreamBatch {
  return namingTheSession(sessionId, () => decideOnStream(store, sessionStreamId(sessionId), sessionDecider, command));
}

/** The decider cannot know the id of a stream that does not exist; the message should. */
function namingTheSession<T>(sessionId: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'SESSION_NOT_FOUND') {
      throw new DomainError('SESSION_NOT_FOUND', `Session not found: ${sessionId}`, { session_id: sessionId });
    }
    throw error;
  }
}
