import { INestApplication } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ExecutionEventView } from '@vm-system/projections';
import { ListExecutionEventsQuery } from '@vm-system/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { API_PREFIX } from '../api-prefix';
import { requestIdFor } from '../request/request-id';
import { EventsPageParams, eventsPageParams } from '../validation/events-page-params';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

const EVENTS_PAGE_PATH = new RegExp(`^/${API_PREFIX}/executions/([^/]+)/events$`);
const PAGE_QUERY_KEYS = new Set(['after_seq', 'limit']);

/**
 * Answers `GET /api/v1/executions/{id}/events` pages (what REST clients paging with
 * after_seq and `exec events` ask most) in front of Express. Express's router tries the
 * daemon's ~60 routes one regex at a time, and with its middleware that was ~40% of a page's
 * time in the daemon, more than the page's own read (docs/benchmarks.md). The page is read
 * through the same query as the route's; anything but a plain, valid page (follow, other
 * or repeated parameters, a bad id or cursor, an unknown execution, any error) is passed on
 * to Express untouched, so Nest's route gives every error envelope as before.
 */
export function answerEventsPagesFirst(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  const queries = app.get(QueryBus);
  const behind = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const passOn: RequestListener = (req, res) => behind.forEach((listener) => listener.call(server, req, res));
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // A GET with a body is Express's to refuse or parse, as for any route.
    const page = req.method === 'GET' && !hasBody(req) ? plainEventsPage(req.url ?? '') : undefined;
    if (!page) return passOn(req, res);
    const query = new ListExecutionEventsQuery(page.executionId, page.afterSeq, page.limit);
    queries
      .execute<ListExecutionEventsQuery, ExecutionEventView[]>(query)
      .then((events) => sendJson(res, requestIdFor(req), JSON.stringify(events)))
      // Whatever failed (an unknown execution, a page too large to serialise) is answered by
      // the route and its exception filter; never an unhandled rejection, which ends the daemon.
      .catch(() => (res.headersSent ? res.destroy() : passOn(req, res)));
  });
}

const hasBody = (req: IncomingMessage) => req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';

/** The page a URL asks for when it is a plain, valid page request; undefined otherwise. */
export function plainEventsPage(url: string): EventsPageParams | undefined {
  const queryAt = url.indexOf('?');
  const match = EVENTS_PAGE_PATH.exec(queryAt < 0 ? url : url.slice(0, queryAt));
  if (!match) return undefined;
  const query = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));
  const keys = [...query.keys()];
  if (keys.some((key) => !PAGE_QUERY_KEYS.has(key)) || new Set(keys).size !== keys.length) return undefined;
  try {
    return eventsPageParams(decodeURIComponent(match[1]), query.get('after_seq') ?? undefined, query.get('limit') ?? undefined);
  } catch {
    return undefined;
  }
}

/** What Express's res.json sends, less its ETag (the API sends none: see configureHttp). */
function sendJson(res: ServerResponse, requestId: string, body: string): void {
  res.writeHead(200, {
    'X-Request-Id': requestId,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
