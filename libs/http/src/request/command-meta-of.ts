import type { CommandMeta, Principal } from '@vm-system/core';
import type { IncomingHttpHeaders } from 'node:http';
import { traceIdOf } from './traceparent';

/**
 * The request id and actor that go into the metadata of every event a request causes.
 * With a token, the actor is the token's name: an X-Actor header is only a claim then. A valid
 * W3C traceparent adds its trace id. One function for the controllers and the hot routes.
 */
export function commandMetaOf(headers: IncomingHttpHeaders, requestId: string, principal: Principal | undefined): CommandMeta {
  const header = headers['x-actor'];
  const claimed = typeof header === 'string' && header && header.length <= 128 ? header : undefined;
  const traceId = traceIdOf(headers.traceparent);
  const trace = traceId === undefined ? {} : { traceId };
  if (!principal) return { requestId, actor: claimed, ...trace };
  return { requestId, actor: principal.name, claimedActor: claimed, principal, ...trace };
}
