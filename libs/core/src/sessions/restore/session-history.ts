import { DomainError, OwnHistory, RecordedCalls, ReplayStep, SessionEvent, TemplateSnapshot, ownHistory, sessionStreamId } from '@vm-system/domain';
import { EventStore, StoredEvent } from '@vm-system/ledger';
import { readWhole } from '../../shared/read-whole';

/** Everything a restore needs: the snapshot, where it runs, and what to replay. */
export interface SessionHistory {
  template: TemplateSnapshot;
  worktreePath: string;
  libraryCalls?: RecordedCalls;
  steps: ReplayStep[];
  skipped: string[];
}

export function readSessionEvents(store: EventStore, sessionId: string): SessionEvent[] {
  return readWhole(
    (after) => store.readStream(sessionStreamId(sessionId), after, 1000),
    (e: StoredEvent) => e.seq,
  ).map((e) => ({ type: e.type, data: e.data }) as SessionEvent);
}

/**
 * A session's history: a fork's starts with its parent's, up to the fork point (recursively),
 * and goes on with its own. `upTo` ends it after that execution.
 */
export function loadSessionHistory(store: EventStore, sessionId: string, upTo?: string): SessionHistory {
  const events = readSessionEvents(store, sessionId);
  const first = events[0];
  if (first?.type !== 'SessionStarted') throw new DomainError('SESSION_NOT_FOUND', `Session not found: ${sessionId}`, { session_id: sessionId });
  const own = ownHistory(events, upTo);
  const base = { template: first.data.template, worktreePath: first.data.worktree_path };
  if (own.forkedFrom === undefined) return { ...base, libraryCalls: own.libraryCalls, steps: own.steps, skipped: own.skipped };
  const parent = parentHistory(store, own);
  return { ...base, libraryCalls: parent.libraryCalls, steps: [...parent.steps, ...own.steps], skipped: [...parent.skipped, ...own.skipped] };
}

/** A fork taken before the parent ran anything has the parent's libraries and no executions. */
function parentHistory(store: EventStore, own: OwnHistory): SessionHistory {
  const { session_id, execution_id } = own.forkedFrom!;
  const parent = loadSessionHistory(store, session_id, execution_id);
  return execution_id === undefined ? { ...parent, steps: [], skipped: [] } : parent;
}
