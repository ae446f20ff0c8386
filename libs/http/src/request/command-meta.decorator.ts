import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { CommandMeta } from '@vm-system/core';
import { GuardedRequest } from '../security/guard-every-request';
import { RequestWithId } from './request-id.middleware';
import { traceIdOf } from './traceparent';

/**
 * The request id and actor that go into the metadata of every event a request causes.
 * With a token, the actor is the token's name: an X-Actor header is only a claim then. A valid
 * W3C traceparent adds its trace id.
 */
export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandMeta => {
  const req = ctx.switchToHttp().getRequest<RequestWithId & GuardedRequest>();
  const header = req.header('x-actor');
  const claimed = header && header.length <= 128 ? header : undefined;
  const principal = req.principal;
  const traceId = traceIdOf(req.headers.traceparent);
  const trace = traceId === undefined ? {} : { traceId };
  if (!principal) return { requestId: req.requestId, actor: claimed, ...trace };
  return { requestId: req.requestId, actor: principal.name, claimedActor: claimed, principal, ...trace };
});
