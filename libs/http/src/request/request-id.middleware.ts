import type { NextFunction, Request, Response } from 'express';
import { requestIdFor } from './request-id';

export type RequestWithId = Request & { requestId: string };

/** Keeps a caller's sane X-Request-Id, or mints one; every response carries it. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdFor(req);
  (req as RequestWithId).requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
}
