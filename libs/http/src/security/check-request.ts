import { ErrorCode, Scope, scopeAllows } from '@vm-system/domain';
import type { Principal } from '@vm-system/core';
import type { IncomingHttpHeaders } from 'node:http';
import { API_PREFIX, isRootRoutePath } from '../api-prefix';
import { NDJSON } from '../streaming/ndjson';
import { GuardOptions, LOOPBACK_HOSTS } from './guard-options';
import { Route, findRoute } from './route-table';

export interface RequestFacts {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * `route`: the route the request reaches, if any (the same one Express picks); the guard's
 * caller labels the request with it instead of matching the route table a second time.
 */
export type Verdict = { refusal: Refusal; route?: Route } | { principal?: Principal; corsOrigin?: string; preflight?: boolean; route?: Route };

const WRITES_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const IMPORT_PATH = `/${API_PREFIX}/ledger/import`;
const refusal = (status: number, code: ErrorCode, message: string, details?: Record<string, unknown>, headers?: Record<string, string>): Refusal => ({
  status,
  code,
  message,
  details,
  headers,
});

/** The Host names a daemon answers to, built once per set of options rather than per request. */
const hostNames = new WeakMap<GuardOptions, { listenHost: string; names: Set<string | undefined> }>();
function allowedHostNames(options: GuardOptions, listenHost: string): Set<string | undefined> {
  const known = hostNames.get(options);
  if (known?.listenHost === listenHost) return known.names;
  const names = new Set([...LOOPBACK_HOSTS, hostName(listenHost), ...options.allowedHosts.map((h) => hostName(h) ?? h.toLowerCase())]);
  hostNames.set(options, { listenHost, names });
  return names;
}

/** The host name a Host header names, without its port; undefined when it is not one. */
export function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(host.trim());
  return match ? match[1].replace(/^\[|\]$/g, '').toLowerCase() : undefined;
}

const mediaType = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase();
const hasBody = (headers: IncomingHttpHeaders) => headers['transfer-encoding'] !== undefined || (headers['content-length'] ?? '0') !== '0';

/**
 * Every rule that decides whether a request may reach a route, in order: the Host names
 * this daemon (DNS rebinding), a write's Origin is the daemon's own or an allowed one,
 * a body is JSON (no cross-site "simple" request gets through), then the token and its
 * scope. Pure, so the same rules hold for the hot routes and for Express's.
 */
export function checkRequest(
  request: RequestFacts,
  options: GuardOptions,
  listenHost: string,
  routes: readonly Route[],
  authenticate: (secret: string) => Principal | undefined,
): Verdict {
  const { method, path, headers } = request;
  const isApi = isApiPath(path);
  const route = isApi ? findRoute(routes, method, path) : undefined;
  const host = hostName(headers.host);
  if (!host || !allowedHostNames(options, listenHost).has(host)) {
    return { refusal: refusal(403, 'HOST_NOT_ALLOWED', `Host ${JSON.stringify(headers.host ?? '')} is not one of this daemon's names (serve --allowed-host adds one)`), route };
  }

  const origin = headers.origin;
  const corsOrigin = origin !== undefined && options.allowedOrigins.includes(origin) ? origin : undefined;
  if (method === 'OPTIONS' && corsOrigin) return { corsOrigin, preflight: true, route };
  if (origin !== undefined && method !== 'GET' && method !== 'HEAD' && !corsOrigin && origin !== `${options.scheme}://${headers.host}`) {
    return { refusal: refusal(403, 'ORIGIN_NOT_ALLOWED', `Origin ${origin} may not write to this daemon (serve --allowed-origin adds one)`), route };
  }

  if (WRITES_WITH_BODY.has(method) && hasBody(headers)) {
    const wanted = method === 'POST' && path.toLowerCase() === IMPORT_PATH ? NDJSON : 'application/json';
    if (mediaType(headers['content-type']) !== wanted) {
      return {
        refusal: refusal(415, 'UNSUPPORTED_MEDIA_TYPE', `A request body must be sent as Content-Type: ${wanted}`, { content_type: headers['content-type'] ?? null }),
        route,
      };
    }
  }

  if (options.auth === 'none' || !isApi || route?.access === 'public') return { corsOrigin, route };

  const principal = bearer(headers.authorization, authenticate);
  if (!principal) {
    return {
      refusal: refusal(401, 'UNAUTHENTICATED', 'A valid token is required: Authorization: Bearer vms_… (vm-system token create)', undefined, { 'WWW-Authenticate': 'Bearer' }),
      route,
    };
  }
  // An unknown route needs only a valid token: Express answers it 404.
  if (route && !scopeAllows(principal.scopes, route.access as Scope)) {
    return { refusal: refusal(403, 'FORBIDDEN', `This token may not ${method} ${path}: it needs the ${route.access} scope`, { required_scope: route.access }), route };
  }
  return { principal, corsOrigin, route };
}

/** Under /api/v1, or a root route; in any case, as Express routes it (`/API/V1/…`, `/Metrics`). */
export function isApiPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === `/${API_PREFIX}` || lower.startsWith(`/${API_PREFIX}/`) || isRootRoutePath(path);
}

function bearer(header: string | undefined, authenticate: (secret: string) => Principal | undefined): Principal | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  return match ? authenticate(match[1]) : undefined;
}
