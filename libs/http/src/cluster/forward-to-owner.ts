import { INestApplication, Logger } from '@nestjs/common';
import { ClusterMembership } from '@vm-system/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream';
import { API_PREFIX } from '../api-prefix';

/** Set on a forwarded request: the owner answers it itself, never forwards it again. */
export const FORWARDED_BY = 'x-vm-forwarded-by';
/** On every answer to a request that needed a session's host: the node whose host served it. */
export const SERVED_BY = 'X-VM-Node';

/** The routes that need the session's host, and where each finds the session (or execution) id. */
// Matched as Express routes them: any letter case, an optional trailing slash, ids decoded.
const HOST_ROUTES: { method: string; pattern: RegExp; id: (req: Request, match: RegExpExecArray) => { session?: string; execution?: string } }[] = [
  { method: 'POST', pattern: new RegExp(`^/${API_PREFIX}/executions/(repl|run-file)/?$`, 'i'), id: (req) => ({ session: bodyField(req, 'session_id') }) },
  { method: 'POST', pattern: new RegExp(`^/${API_PREFIX}/executions/([^/]+)/cancel/?$`, 'i'), id: (_, m) => ({ execution: decoded(m[1]) }) },
  { method: 'POST', pattern: new RegExp(`^/${API_PREFIX}/sessions/([^/]+)/(close|suspend|resume)/?$`, 'i'), id: (_, m) => ({ session: decoded(m[1]) }) },
  { method: 'DELETE', pattern: new RegExp(`^/${API_PREFIX}/sessions/([^/]+)/?$`, 'i'), id: (_, m) => ({ session: decoded(m[1]) }) },
];

/** Express decodes path parameters; so must we, or `%2D` would slip past the owner check. */
function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'proxy-connection', 'te', 'trailer']);
/**
 * Not relayed: the receiving daemon's guard checked the caller's Origin already, and the
 * owner would compare it with its own address (a browser write through any other daemon
 * would be refused).
 */
const CHECKED_HERE = new Set(['origin']);

/**
 * How often a forwarded request checks that its owner still holds its lease. A frozen
 * owner keeps the connection open without answering; once its lease has run out the
 * caller is told (503) and may ask again, to be served by whoever resumes the session.
 */
const OWNER_CHECK_MS = 2000;

/**
 * Any daemon accepts any request; one that needs a session's host which another live daemon
 * owns is sent on to that daemon (behind this daemon's guard, with the caller's headers and
 * token) and its answer, streamed or not, relayed as is. Installed after the body parser, so
 * a REPL's session id is read from the parsed body, and before the routes.
 */
export function forwardToSessionOwners(app: INestApplication): void {
  const membership = app.get(ClusterMembership);
  const logger = new Logger('Cluster');
  (app as NestExpressApplication).use((req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    const route = HOST_ROUTES.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) return next();
    const nodeId = membership.nodeId;
    if (nodeId) res.setHeader(SERVED_BY, nodeId);
    if (!membership.shared) return next();
    let target;
    try {
      const ids = route.id(req, route.pattern.exec(path)!);
      const sessionId = ids.session ?? (ids.execution ? membership.sessionOfExecution(ids.execution) : undefined);
      target = sessionId ? membership.forwardTarget(sessionId) : undefined;
    } catch (error) {
      return next(error);
    }
    if (!target) return next();
    // Forwarded here, yet another live daemon owns it (it moved meanwhile, or the header was
    // not set by a daemon): refused, never run here, which would take the session over.
    if (req.headers[FORWARDED_BY] !== undefined) {
      return void res.status(409).json({
        error: { code: 'SESSION_MOVED', message: `The session is hosted by node ${target.nodeId}; send the request to any daemon again`, details: { node_id: target.nodeId } },
      });
    }
    relay(req, res, target, nodeId ?? '', logger, () => membership.nodeIsLive(target.nodeId));
  });
}

function relay(req: Request, res: Response, target: { nodeId: string; url: string }, from: string, logger: Logger, ownerIsLive: () => boolean): void {
  const destination = new URL(req.originalUrl, target.url);
  const body = req.method === 'POST' && req.body !== undefined ? Buffer.from(JSON.stringify(req.body)) : undefined;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name) && !CHECKED_HERE.has(name)) headers[name] = value;
  headers[FORWARDED_BY] = from;
  if (body) headers['content-length'] = String(body.length);
  const send = destination.protocol === 'https:' ? httpsRequest : httpRequest;
  const forwarded = send(destination, { method: req.method, headers }, (answer) => {
    const relayed: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) relayed[name] = value;
    res.writeHead(answer.statusCode ?? 502, { ...relayed, [SERVED_BY]: target.nodeId });
    // An owner that dies mid-answer ends the caller's answer too, rather than leaving it open.
    pipeline(answer, res, (error) => error && res.destroy());
  });
  forwarded.on('error', (error) => {
    logger.warn({ msg: `forwarding ${req.method} ${req.path} to node ${target.nodeId} failed: ${error.message}` });
    if (res.headersSent) return void res.destroy();
    res.status(503).json({
      error: {
        code: 'SESSION_OWNER_UNREACHABLE',
        message: `The daemon hosting this session (node ${target.nodeId}) did not answer: ${error.message}`,
        details: { node_id: target.nodeId },
      },
    });
  });
  const watch = setInterval(() => {
    let live = true;
    try {
      live = ownerIsLive();
    } catch {
      // The ledger did not answer: the owner is given the benefit of the doubt.
    }
    if (!live) forwarded.destroy(new Error(`its lease ran out while it was answering`));
  }, OWNER_CHECK_MS);
  // The caller gave up (a closed tail): so does the forwarded request.
  res.on('close', () => {
    clearInterval(watch);
    forwarded.destroy();
  });
  forwarded.end(body);
}

function bodyField(req: Request, field: string): string | undefined {
  const value = (req.body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value : undefined;
}
