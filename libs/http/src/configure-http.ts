import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_PREFIX, ROOT_ROUTES } from './api-prefix';
import { serveApiDocs } from './docs/serve-api-docs';
import { answerEventsPagesFirst } from './hot-routes/events-page-first';
import { answerReplFirst } from './hot-routes/repl-first';
import { requestIdMiddleware } from './request/request-id.middleware';
import { NDJSON } from './streaming/ndjson';
import { forwardToSessionOwners } from './cluster/forward-to-owner';
import { HTTP_CONTROLLERS } from './http.module';
import { GuardOptions } from './security/guard-options';
import { guardEveryRequest } from './security/guard-every-request';
import { routeTable } from './security/route-table';

/**
 * Body parsing and the request id on the raw Express app, so that even a body that fails
 * to parse, or an unknown route, answers with the envelope and an X-Request-Id; and the
 * one guard every request passes first (security/check-request).
 */
export function configureHttp(app: INestApplication, guard: GuardOptions, listenHost: string): void {
  const express = app as NestExpressApplication;
  express.use(requestIdMiddleware);
  // No ETag: Express hashed every JSON answer (sha1 of the body) for a conditional GET no
  // client of the API makes; an events page spent ~5% of its time on it.
  express.set('etag', false);
  express.disable('x-powered-by');
  // The guard lets a body through only as JSON, or NDJSON for a ledger import, which the
  // route streams to disk.
  express.useBodyParser('json', { type: (req) => !String(req.headers['content-type']).startsWith(NDJSON), limit: '10mb' });
  forwardToSessionOwners(app);
  express.setGlobalPrefix(API_PREFIX, { exclude: [...ROOT_ROUTES] });
  serveApiDocs(app);
  express.enableShutdownHooks();
  answerEventsPagesFirst(app);
  answerReplFirst(app);
  // Last: it wraps every request listener installed before it, the hot routes' included, so
  // no request reaches one of them (or Express) without passing it.
  guardEveryRequest(app, guard, listenHost, routeTable(HTTP_CONTROLLERS));
}
