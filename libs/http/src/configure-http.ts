import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { requestIdMiddleware } from './request/request-id.middleware';
import { NDJSON } from './streaming/ndjson';

export const API_PREFIX = 'api/v1';

/**
 * Body parsing and the request id on the raw Express app, so that even a body that fails
 * to parse, or an unknown route, answers with the envelope and an X-Request-Id.
 */
export function configureHttp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.use(requestIdMiddleware);
  // Any content type is read as JSON (`curl -d '{…}'` without a header still works),
  // but for a ledger import, which the route streams to disk.
  express.useBodyParser('json', { type: (req) => !String(req.headers['content-type']).startsWith(NDJSON), limit: '10mb' });
  express.setGlobalPrefix(API_PREFIX);
  express.enableShutdownHooks();
}
