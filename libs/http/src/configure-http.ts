import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_PREFIX } from './api-prefix';
import { answerEventsPagesFirst } from './hot-routes/events-page-first';
import { requestIdMiddleware } from './request/request-id.middleware';
import { NDJSON } from './streaming/ndjson';


/**
 * Body parsing and the request id on the raw Express app, so that even a body that fails
 * to parse, or an unknown route, answers with the envelope and an X-Request-Id.
 */
export function configureHttp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.use(requestIdMiddleware);
  // No ETag: Express hashed every JSON answer (sha1 of the body) for a conditional GET no
  // client of the API makes; an events page spent ~5% of its time on it.
  express.set('etag', false);
  express.disable('x-powered-by');
  // Any content type is read as JSON (`curl -d '{…}'` without a header still works),
  // but for a ledger import, which the route streams to disk.
  express.useBodyParser('json', { type: (req) => !String(req.headers['content-type']).startsWith(NDJSON), limit: '10mb' });
  express.setGlobalPrefix(API_PREFIX);
  express.enableShutdownHooks();
  answerEventsPagesFirst(app);
}
