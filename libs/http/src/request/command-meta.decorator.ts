import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { CommandMeta } from '@vm-system/core';
import { RequestWithId } from './request-id.middleware';

/** The request id and actor that go into the metadata of every event a request causes. */
export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandMeta => {
  const req = ctx.switchToHttp().getRequest<RequestWithId>();
  const actor = req.header('x-actor');
  return { requestId: req.requestId, actor: actor && actor.length <= 128 ? actor : undefined };
});
