import { SessionCommand, sessionDecider, sessionStreamId } from '@vm-system/domain';
import { EventStore, StoredEvent } from '@vm-system/ledger';
import { CommandMeta } from '../shared/command-meta';
import { runDecider } from '../shared/decider-runner';

export function changeSession(store: EventStore, sessionId: string, command: SessionCommand, meta: CommandMeta): StoredEvent[] {
  return runDecider(store, sessionStreamId(sessionId), sessionDecider, command, meta);
}
