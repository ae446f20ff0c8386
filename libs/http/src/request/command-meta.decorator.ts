import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { CommandMeta } from '@vm-system/core';
import { GuardedRequest } from '../security/guard-every-request';
import { commandMetaOf } from './command-meta-of';
import { RequestWithId } from './request-id.middleware';

/** The command metadata of the request (see commandMetaOf). */
export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandMeta => {
  const req = ctx.switchToHttp().getRequest<RequestWithId & GuardedRequest>();
  return commandMetaOf(req.headers, req.requestId, req.principal);
});
