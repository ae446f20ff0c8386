import { cursorParam, limitParam, requireUuid } from './params';

export interface EventsPageParams {
  executionId: string;
  afterSeq: number;
  limit: number;
}

/** The size of an execution's events page: default 1,000, at most 10,000. */
export const eventsPageLimit = (limit: string | undefined): number => limitParam(limit, 1000, 10000);

/** An execution's events page: its id, `after_seq` (default 0) and `limit`. */
export function eventsPageParams(id: string, afterSeq: string | undefined, limit: string | undefined): EventsPageParams {
  return { executionId: requireUuid(id, 'execution_id'), afterSeq: cursorParam(afterSeq, 'after_seq'), limit: eventsPageLimit(limit) };
}
