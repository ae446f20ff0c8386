import { INestApplication, Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ClusterMembership, GetExecutionJsonQuery, RunReplCommand } from '@vm-system/core';
import { routes } from '@vm-system/contract';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { API_PREFIX } from '../api-prefix';
import { SERVED_BY } from '../cluster/forward-to-owner';
import { envelopeBody, errorEnvelope } from '../errors/error-envelope';
import { logServerError } from '../errors/error-envelope.filter';
import { commandMetaOf } from '../request/command-meta-of';
import { requestIdFor } from '../request/request-id';
import { requestLogFields } from '../request/request-log-fields';
import type { GuardedRequest } from '../security/guard-every-request';
import { parseBody } from '../validation/parse-request';
import { parseJsonBody } from './json-body';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

const REPL_URL = `/${API_PREFIX}/executions/repl`;
/** The body parser's limit (configureHttp): a larger body is Express's to refuse. */
const BODY_LIMIT = 10 * 1024 * 1024;
const JSON_TYPE = /^application\/json(?:\s*;\s*charset=utf-8)?$/i;

/**
 * Answers `POST /api/v1/executions/repl` (what `exec repl` and REST clients send most) in
 * front of Express, behind the one guard like every listener (configureHttp installs the
 * guard last, around this). Express's middleware and router, the body parser and Nest's
 * pipeline were ~0.3 ms of a REPL's ~1.5 ms of daemon CPU (docs/benchmarks.md); this does what
 * the route does with the same parts: the contract's body schema (parseBody), the command
 * metadata, the command bus, the same query for the answer (so the text is the route's, byte
 * for byte) and the error envelope. Anything but a plain request (another spelling of the
 * path, a query string, a body that is chunked, compressed, empty, too large or not UTF-8
 * JSON) is passed on untouched to Express and the route; so is a request for a session
 * another daemon of a cluster hosts, once its body is read, for Express to forward.
 */
export function answerReplFirst(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  const commands = app.get(CommandBus);
  const queries = app.get(QueryBus);
  const membership = app.get(ClusterMembership);
  const logger = new Logger('HTTP');
  const behind = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const passOn: RequestListener = (req, res) => behind.forEach((listener) => listener.call(server, req, res));

  const run = async (req: IncomingMessage, body: unknown, requestId: string): Promise<{ status: number; json: string }> => {
    const input = parseBody(routes.runRepl, body);
    const meta = commandMetaOf(req.headers, requestId, (req as GuardedRequest).principal);
    const wait = input.wait ?? true;
    const executionId = await commands.execute(new RunReplCommand(input.session_id, input.input, meta, wait));
    const json: string = await queries.execute(new GetExecutionJsonQuery(executionId, wait));
    return { status: wait ? 201 : 202, json };
  };

  const answer = (req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> => {
    const requestId = requestIdFor(req);
    res.setHeader('X-Request-Id', requestId);
    const nodeId = membership.nodeId;
    if (nodeId) res.setHeader(SERVED_BY, nodeId);
    return run(req, body, requestId).then(
      ({ status, json }) => sendJson(res, status, json),
      (error: unknown) => sendError(req, res, error),
    );
  };

  const sendError = (req: IncomingMessage, res: ServerResponse, error: unknown): void => {
    const envelope = errorEnvelope(error);
    if (envelope.status >= 500) logServerError(logger, envelope, error, requestLogFields(req, res));
    sendJson(res, envelope.status, JSON.stringify(envelopeBody(envelope)));
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isPlainReplRequest(req.method, req.url, req.headers)) return passOn(req, res);
    readText(req)
      .then((text) => {
        const body = parseJsonBody(text);
        // A session another daemon hosts: Express's forwarding sends the request there
        // (cluster/forward-to-owner.ts), reading the body parsed here (the body parser leaves
        // a request whose body was read alone).
        if (membership.shared && hostedElsewhere(membership, body)) {
          (req as IncomingMessage & { body?: unknown }).body = body;
          return passOn(req, res);
        }
        return answer(req, res, body);
      })
      .catch((error: unknown) => {
        // The client went away: nothing is left to tell it. Otherwise the body did not parse
        // (or the owner could not be looked up): the envelope, as the route's filter gives it.
        if (!req.complete || res.headersSent) return void res.destroy();
        res.setHeader('X-Request-Id', requestIdFor(req));
        sendError(req, res, error);
      });
  });
}

/** Whether the body names a session another live daemon of the cluster hosts. */
function hostedElsewhere(membership: ClusterMembership, body: unknown): boolean {
  const sessionId = (body as { session_id?: unknown } | null)?.session_id;
  return typeof sessionId === 'string' && membership.forwardTarget(sessionId) !== undefined;
}

/** Whether the hot route answers a request itself: the route's own URL and a plain JSON body. */
export function isPlainReplRequest(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (method !== 'POST' || url !== REPL_URL) return false;
  if (headers['transfer-encoding'] !== undefined || (headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity') return false;
  const length = headers['content-length'];
  if (length === undefined || !/^\d{1,9}$/.test(length) || Number(length) === 0 || Number(length) > BODY_LIMIT) return false;
  return JSON_TYPE.test(headers['content-type'] ?? '');
}

/** The body as text; rejects when the client gives up before sending all of it. */
function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => req.complete || reject(new Error('the request was aborted')));
  });
}

/** What Express's res.json sends, less its ETag (the API sends none: see configureHttp). */
function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
