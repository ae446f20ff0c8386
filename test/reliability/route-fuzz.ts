import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { ERROR_STATUS, ErrorEnvelope, Route, routes } from '@vm-system/contract';
import { RawAnswer, documented } from '../support/contract-calls';
import { TestDaemon, newTokenSecret, startDaemon } from '../support/daemon';
import { makeSession, makeWorktree } from '../support/fixtures';
import { FuzzRequest, Pool, Value, requestArbitrary } from './fuzz-requests';

export type Scale = 'short' | 'long';

export interface RouteFuzzFigures {
  seed: number;
  requests: number;
  /** Per operation id: how many requests, by answer status. */
  byRoute: Record<string, Record<number, number>>;
  byStatus: Record<number, number>;
  /** valid, or which hostile change. */
  byKind: Record<string, number>;
  /** Answers that broke a property (a 5xx, an undocumented status, code or shape): must be none. */
  failures: string[];
  /** fast-check's smallest failing request, if one failed. */
  counterexample?: string;
  seconds: number;
  /** After the run: health answered, the ledger verified (REST and `vm-system audit verify`). */
  healthAfter: boolean;
  ledgerVerified: boolean;
  ledgerEvents: number;
}

const RUNS = { short: 300, long: 10_000 } as const;
/** A failure guard, not synchronisation: a request never answered breaks the property. */
const ANSWER_DEADLINE_MS = 60_000;
const API = '/api/v1';

interface Pools {
  ids: Record<Exclude<Pool, 'any'>, string[]>;
  worktree: string;
}

/**
 * Property-based fuzz of every route of the contract against a real daemon with auth on:
 * requests generated from the route schemas (valid ones and hostile variations), each
 * answer checked against what its route documents (a documented status; an error is the
 * envelope with a code documented at that status), never a 5xx. After the run the daemon
 * still answers and its ledger verifies.
 */
export async function routeFuzz(scale: Scale, seed = Number(process.env.VM_SYSTEM_FUZZ_SEED ?? Date.now() % 2 ** 31)): Promise<RouteFuzzFigures> {
  const daemon = await startDaemon({ auth: true });
  try {
    return await fuzz(daemon, RUNS[scale], seed);
  } finally {
    await daemon.stop();
  }
}

async function fuzz(daemon: TestDaemon, runs: number, seed: number): Promise<RouteFuzzFigures> {
  const admin = daemon.client;
  // The fuzz's own token: every scope, and a bound on live sessions so creates and forks
  // cannot fill the machine with session hosts.
  const full = await admin.createToken({ name: 'fuzz', scopes: ['read', 'execute', 'admin'], max_live_sessions: 3 });
  const readOnly = await admin.createToken({ name: 'fuzz read-only', scopes: ['read'] });
  // Revoking tokens is fuzzed too, on tokens made for it (its own two stay valid).
  const spare = await admin.createToken({ name: 'fuzz spare', scopes: ['read'] });
  const worktree = makeWorktree({ 'main.js': 'console.log("main", __ARGS__); 7', 'dir/inner.js': '1' });
  const session = await makeSession(admin, { files: { 'main.js': 'console.log("main"); 7' } });
  const run = await admin.repl(session.id, 'console.log("seed"); 1 + 1');
  const pools: Pools = {
    ids: { template: [session.template_id], session: [session.id], execution: [run.id], token: [spare.token_id], stream: [] },
    worktree,
  };
  for (const event of await admin.ledgerEvents(0, 1000)) if (!pools.ids.stream.includes(event.stream_id)) pools.ids.stream.push(event.stream_id);
  const secrets = { full: full.token, 'read-only': readOnly.token, garbage: newTokenSecret(), none: '' };

  const figures: RouteFuzzFigures = {
    seed,
    requests: 0,
    byRoute: {},
    byStatus: {},
    byKind: {},
    failures: [],
    seconds: 0,
    healthAfter: false,
    ledgerVerified: false,
    ledgerEvents: 0,
  };
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const started = process.hrtime.bigint();
  const property = fc.asyncProperty(requestArbitrary(routes as Record<string, Route>), async (request) => {
    const { path, body, headers } = render(request, pools, secrets);
    const answer = await send(daemon.url, agent, request.method, path, headers, body);
    figures.requests++;
    const route = routes[request.operationId as keyof typeof routes] as Route;
    const status = answer?.status ?? 0;
    (figures.byRoute[request.operationId] ??= {})[status] = (figures.byRoute[request.operationId][status] ?? 0) + 1;
    figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
    figures.byKind[request.kind] = (figures.byKind[request.kind] ?? 0) + 1;
    const problem = answer ? check(request, path, answer) : `no answer within ${ANSWER_DEADLINE_MS} ms`;
    if (problem) {
      figures.failures.push(`${request.method} ${path.slice(0, 200)} (${request.kind}, token ${request.token}) → ${problem}`);
      return false;
    }
    remember(request, route, answer!, pools);
    return true;
  });
  const result = await fc.check(property, { numRuns: runs, seed });
  figures.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.failed) {
    figures.counterexample = JSON.stringify(result.counterexample).slice(0, 2000);
    if (figures.failures.length === 0) figures.failures.push(`the property threw: ${String(result.errorInstance).slice(0, 1000)}`);
  }
  agent.destroy();

  figures.healthAfter = (await admin.health()).status === 'ok';
  const verify = await admin.verifyLedger();
  const cli = await daemon.cli('audit', 'verify');
  figures.ledgerVerified = verify.ok && cli.code === 0;
  figures.ledgerEvents = (await admin.ledgerHead()).position;
  if (figures.failures.length > 0) figures.failures.push(`daemon log (end):\n${daemon.log().slice(-4000)}`);
  return figures;
}

type Secrets = Record<FuzzRequest['token'], string>;

/** The request on the wire: picks resolved against what the daemon holds now. */
function render(request: FuzzRequest, pools: Pools, secrets: Secrets): { path: string; body?: string; headers: Record<string, string> } {
  const route = routes[request.operationId as keyof typeof routes] as Route;
  let path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = request.params[name];
    return isRaw(value) ? value.$raw : encodeURIComponent(String(resolve(value, pools)));
  });
  path = `${route.atRoot ? '' : API}${path}${request.pathSuffix}`;
  if (request.pathStyle === 'trailing-slash') path += '/';
  if (request.pathStyle === 'upper-case') path = path.toUpperCase();
  if (request.pathStyle === 'double-slash') path = `/${path}`;
  const query = request.query.map(([key, value]) => `${key}=${isRaw(value) ? onTheWire(value.$raw) : encodeURIComponent(String(resolve(value, pools)))}`).join('&');
  if (query) path += `?${query}`;
  const headers: Record<string, string> = { ...request.headers };
  if (request.token !== 'none') headers.authorization = `Bearer ${secrets[request.token]}`;
  let body: string | undefined;
  if (request.body) {
    const text = request.body.text;
    if (request.body.contentType !== null) headers['content-type'] = request.body.contentType;
    body = isRaw(text) ? text.$raw : isNdjson(text) ? text.$ndjson.map((line) => JSON.stringify(resolve(line, pools))).join('\n') : JSON.stringify(resolve(text, pools));
  }
  return { path, body, headers };
}

const isRaw = (value: Value): value is { $raw: string } => typeof value === 'object' && value !== null && '$raw' in value;
const isNdjson = (value: Value): value is { $ndjson: Value[] } => typeof value === 'object' && value !== null && '$ndjson' in value;
/** Node sends a path only in visible ASCII: the rest is percent-encoded, malformed encodings kept. */
const onTheWire = (raw: string) => raw.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));

function resolve(value: Value, pools: Pools): Value {
  if (Array.isArray(value)) return value.map((item) => resolve(item, pools));
  if (typeof value !== 'object' || value === null) return value;
  if ('$pick' in value) {
    const { $pick, index, $prefix } = value as { $pick: Pool; index: number; $prefix?: string };
    const list = $pick === 'any' ? Object.values(pools.ids).flat() : pools.ids[$pick];
    return `${$prefix ?? ''}${list.length > 0 ? list[index % list.length] : '0b6f5c1e-8a0c-4f4e-9d3a-2f1e8c7b6a5d'}`;
  }
  if ('$worktree' in value) return pools.worktree;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, pools)]));
}

/** Ids a success made join the pools, so later requests reach them. */
function remember(request: FuzzRequest, route: Route, answer: RawAnswer, pools: Pools): void {
  if (answer.status >= 300 || route.method !== 'POST' || !answer.contentType.startsWith('application/json')) return;
  const answered = JSON.parse(answer.text) as { id?: unknown; token_id?: unknown };
  const id = answered.id ?? answered.token_id;
  if (typeof id !== 'string') return;
  const pool = ({ createTemplate: 'template', createSession: 'session', forkSession: 'session', runRepl: 'execution', runFile: 'execution', issueToken: 'token' } as const)[
    request.operationId
  ];
  if (!pool) return;
  pools.ids[pool].push(id);
  if (pool !== 'token') pools.ids.stream.push(`${pool}-${id}`);
}

/** What is wrong with the answer, or undefined. */
function check(request: FuzzRequest, path: string, answer: RawAnswer): string | undefined {
  // The guard refuses a caller before reading its body and closes the connection; with
  // megabytes still unread the close resets it, and the refusal may never reach the client.
  if (answer.status === 0 && request.kind === 'body over the limit' && request.token !== 'full') return undefined;
  if (answer.status === 0) return answer.text;
  if (answer.status >= 500) return `${answer.status}: ${answer.text.slice(0, 500)}`;
  if (request.method === 'OPTIONS') return undefined;
  // The route the request reaches, as Express matches paths (regardless of case, a trailing
  // slash allowed): its documentation applies. No route: a documented error envelope.
  const reached = request.pathStyle === 'double-slash' ? undefined : routeAt(request.method === 'HEAD' ? 'GET' : request.method, path);
  try {
    if (reached) documented(reached, answer);
    else if (isDashboardPage(request.method, path, answer)) return undefined;
    else anyError(answer);
    return undefined;
  } catch (error) {
    return (error as Error).message.slice(0, 1500);
  }
}

const contractRoutes = Object.values(routes as Record<string, Route>).map((route) => ({
  route,
  pattern: new RegExp(`^${route.atRoot ? '' : API}${route.path.replace(/\{\w+\}/g, '[^/]+')}/?$`, 'i'),
}));
const routeAt = (method: string, path: string) => contractRoutes.find((r) => r.route.method === method && r.pattern.test(path.split('?')[0]))?.route;

/**
 * Outside the API a GET is the dashboard's: its page for any path its client-side router may
 * own (the daemon serves it when the dashboard is built), never JSON of ours.
 */
function isDashboardPage(method: string, path: string, answer: RawAnswer): boolean {
  const outsideApi = !path.toLowerCase().startsWith('/api/');
  return outsideApi && (method === 'GET' || method === 'HEAD') && answer.status === 200 && (method === 'HEAD' || answer.text.startsWith('<!doctype html>'));
}

/** An answer of no route: an error in the envelope, its code's status. */
function anyError(answer: RawAnswer): void {
  if (answer.status < 400) throw new Error(`a request no route takes answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  const parsed = ErrorEnvelope.safeParse(JSON.parse(answer.text));
  if (!parsed.success) throw new Error(`not the error envelope: ${answer.text.slice(0, 300)}`);
  if (ERROR_STATUS[parsed.data.error.code] !== answer.status) throw new Error(`${parsed.data.error.code} answered with ${answer.status}`);
}

/** One request; an event stream is answered once its head is in (a tail never ends by itself). */
function send(baseUrl: string, agent: Agent, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawAnswer | undefined> {
  const url = new URL(baseUrl);
  if (body !== undefined && body.length > HUGE) return sendOnItsOwnSocket(url, method, path, headers, body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, agent, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        const contentType = String(res.headers['content-type'] ?? '');
        if (contentType.startsWith('text/event-stream')) {
          clearTimeout(deadline);
          resolve({ status: res.statusCode ?? 0, contentType, text: '' });
          res.destroy();
          return;
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          clearTimeout(deadline);
          resolve({ status: res.statusCode ?? 0, contentType, text });
        });
        res.on('error', reject);
      },
    );
    const deadline = setTimeout(() => {
      req.destroy();
      resolve(undefined);
    }, ANSWER_DEADLINE_MS);
    req.on('error', (error) => {
      clearTimeout(deadline);
      resolve({ status: 0, contentType: '', text: `connection error without an answer: ${(error as NodeJS.ErrnoException).code ?? error.message}` });
    });
    req.end(body);
  });
}

/** Bodies beyond this go on a socket of their own. */
const HUGE = 1 << 20;

/**
 * A request whose body the daemon may refuse before reading it (over the size limit, or
 * from a caller the guard turns away): the daemon answers, then closes the connection, and
 * Node's client reports the write it cut short (EPIPE) instead of the answer. On a plain
 * socket the answer is read whatever happens to the rest of the body.
 */
function sendOnItsOwnSocket(url: URL, method: string, path: string, headers: Record<string, string>, body: string): Promise<RawAnswer | undefined> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const deadline = setTimeout(() => socket.destroy(), ANSWER_DEADLINE_MS);
    const head = [
      `${method} ${path} HTTP/1.1`,
      `host: ${url.host}`,
      'connection: close',
      `content-length: ${Buffer.byteLength(body)}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(deadline);
      const raw = Buffer.concat(chunks).toString('utf8');
      const [headText, ...rest] = raw.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1] ?? 0);
      if (status === 0) return resolve({ status: 0, contentType: '', text: `the daemon closed the connection without an answer (${raw.length} bytes)` });
      const contentType = /^content-type: (.*)$/im.exec(headText)?.[1] ?? '';
      const text = /^transfer-encoding: chunked$/im.test(headText) ? dechunk(rest.join('\r\n\r\n')) : rest.join('\r\n\r\n');
      resolve({ status, contentType, text });
    });
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    socket.end(body);
  });
}

function dechunk(text: string): string {
  let out = '';
  for (let at = 0; ;) {
    const lineEnd = text.indexOf('\r\n', at);
    const size = parseInt(text.slice(at, lineEnd), 16);
    if (!size) return out;
    out += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
