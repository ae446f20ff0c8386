import { INestApplication, Logger } from '@nestjs/common';
import { DaemonMetrics, TokenAuthenticator } from '@vm-system/core';
import { DurableHorizon } from '@vm-system/ledger';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { holdUntilDurable } from '../request/hold-until-durable';
import { requestIdFor } from '../request/request-id';
import { requestLogFields } from '../request/request-log-fields';
import { Refusal, Verdict, checkRequest } from './check-request';
import { GuardOptions } from './guard-options';
import { Route, findRoute } from './route-table';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** The request as the guard let it through: the principal its token stands for. */
export type GuardedRequest = IncomingMessage & { principal?: import('@vm-system/core').Principal };

const CORS_HEADERS = 'Authorization, Content-Type, X-Request-Id, X-Actor, Last-Event-ID';

/**
 * Puts the guard in front of everything the HTTP server answers: it takes the server's
 * request listeners (Express, and the hot routes in front of it) and calls them only for a
 * request it let through. Installed last, after every other listener, and it checks that
 * it is the only one left.
 */
export function guardEveryRequest(app: INestApplication, options: GuardOptions, listenHost: string, routes: readonly Route[]): void {
  const server = app.getHttpServer() as Server;
  const authenticator = app.get(TokenAuthenticator);
  const metrics = app.get(DaemonMetrics);
  const horizon = app.get(DurableHorizon);
  const logger = new Logger('HTTP');
  const behind = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const startedAt = performance.now();
    let verdict: Verdict;
    try {
      verdict = checkRequest({ method: req.method ?? 'GET', path, headers: req.headers }, options, listenHost, routes, (secret) => authenticator.authenticate(secret));
    } catch {
      verdict = { refusal: { status: 500, code: 'INTERNAL' as const, message: 'The daemon could not check this request' }, route: findRoute(routes, req.method ?? 'GET', path) };
    }
    // Counted and logged by route pattern, never the raw path: ids would make a series per request.
    const route = verdict.route?.path ?? 'other';
    res.once('finish', () => {
      const method = req.method ?? 'GET';
      metrics.httpRequests.inc({ method, route, status: String(res.statusCode) });
      const durationMs = Math.round((performance.now() - startedAt) * 1000) / 1000;
      const { request_id, trace_id } = requestLogFields(req, res);
      logger.log({ msg: 'request', request_id, method, route, status: res.statusCode, duration_ms: durationMs, ...(trace_id ? { trace_id } : {}) });
    });
    if ('refusal' in verdict) return sendRefusal(req, res, verdict.refusal);
    if (verdict.corsOrigin) {
      res.setHeader('Access-Control-Allow-Origin', verdict.corsOrigin);
      res.setHeader('Vary', 'Origin');
    }
    if (verdict.preflight) {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD, POST, PATCH, PUT, DELETE',
        'Access-Control-Allow-Headers': CORS_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    (req as GuardedRequest).principal = verdict.principal;
    holdUntilDurable(res, horizon);
    for (const listener of behind) listener.call(server, req, res);
  });
  if (server.listeners('request').length !== 1) throw new Error('the HTTP guard must be the only request listener');
}

function sendRefusal(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message, ...(refusal.details ? { details: refusal.details } : {}) } });
  // The body (if any) is never read: the connection closes rather than parse it.
  res.writeHead(refusal.status, {
    ...refusal.headers,
    'X-Request-Id': requestIdFor(req),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  });
  res.end(body);
}
