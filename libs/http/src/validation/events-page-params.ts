import { routes } from '@vm-system/contract';
import { parseQuery, pathParam } from './parse-request';

export interface EventsPageParams {
  executionId: string;
  afterSeq: number;
  limit: number;
}

/** An execution's events page: its id, `after_seq` (default 0) and `limit`, by the route's own schema. */
export function eventsPageParams(id: string, afterSeq: string | undefined, limit: string | undefined): EventsPageParams {
  const executionId = pathParam(routes.executionEvents, 'execution_id', id);
  const query = parseQuery(routes.executionEvents, { after_seq: afterSeq, limit });
  return { executionId, afterSeq: query.after_seq, limit: query.limit };
}
