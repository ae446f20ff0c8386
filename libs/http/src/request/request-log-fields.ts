import type { IncomingMessage, ServerResponse } from 'node:http';
import { traceIdOf } from './traceparent';

export interface RequestLogFields {
  request_id: string;
  trace_id?: string;
}

/**
 * What ties a log line to its request: the X-Request-Id it is answered with (set before any
 * route runs, by the request-id middleware, the hot route or a refusal) and the trace id of a
 * valid traceparent.
 */
export function requestLogFields(req: IncomingMessage, res: ServerResponse): RequestLogFields {
  const traceId = traceIdOf(req.headers.traceparent);
  const requestId = String(res.getHeader('x-request-id') ?? '');
  return traceId === undefined ? { request_id: requestId } : { request_id: requestId, trace_id: traceId };
}
