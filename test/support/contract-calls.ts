import assert from 'node:assert/strict';
import { JSON_TYPE, NDJSON_TYPE, Route, TEXT_TYPE, errorEnvelope, errorsByStatus } from '@vm-system/contract';
import type { z } from 'zod';

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

export interface CallOptions {
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, with its own content type. */
  raw?: { type: string; text: string };
  token?: string;
}

/** The route's path with its parameters filled in. */
export const pathOf = (route: Route, params: Record<string, string> = {}) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    assert.ok(params[name] !== undefined, `${route.path} needs ${name}`);
    return encodeURIComponent(params[name]);
  });

/** One request to a route of the contract, answered raw. */
export async function callRoute(baseUrl: string, route: Route, params: Record<string, string> = {}, options: CallOptions = {}): Promise<RawAnswer> {
  const query = options.query ? `?${new URLSearchParams(options.query)}` : '';
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw) [headers['content-type'], body] = [options.raw.type, options.raw.text];
  else if (options.body !== undefined) [headers['content-type'], body] = [JSON_TYPE, JSON.stringify(options.body)];
  const response = await fetch(`${baseUrl}${route.atRoot ? '' : '/api/v1'}${pathOf(route, params)}${query}`, { method: route.method, headers, body });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Parses with a contract schema; a mismatch fails the test naming each place it differs. */
export function parseWith(schema: z.ZodType, value: unknown, what: string): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    assert.fail(
      `${what} does not match its documented schema:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}\n${JSON.stringify(value).slice(0, 2000)}`,
    );
  return parsed.data;
}

/**
 * Checks an answer against what its route documents and answers the body parsed with the
 * documented schema: a documented success status and media type, or an error whose code is
 * one the route documents at that status, in the strict envelope. Every JSON field must be
 * a documented one (the wire schemas are strict objects).
 */
export function documented(route: Route, answer: RawAnswer): any {
  const what = `${route.method} ${route.path} → ${answer.status}`;
  const success = route.responses[answer.status];
  if (!success) {
    const codes = errorsByStatus(route).get(answer.status);
    assert.ok(codes, `${what} is not a documented status: ${answer.text.slice(0, 300)}`);
    assert.match(answer.contentType, /^application\/json/, what);
    return parseWith(errorEnvelope(codes as [never, ...never[]]), JSON.parse(answer.text), what);
  }
  const mediaType = answer.contentType.split(';')[0].trim();
  assert.ok(mediaType in success.content, `${what}: ${mediaType} is not a documented media type (${Object.keys(success.content).join(', ')})`);
  const schema = success.content[mediaType];
  if (!schema) return answer.text;
  if (mediaType === JSON_TYPE) return parseWith(schema, JSON.parse(answer.text), what);
  if (mediaType === NDJSON_TYPE)
    return answer.text
      .split('\n')
      .filter(Boolean)
      .map((line, i) => parseWith(schema, JSON.parse(line), `${what} line ${i + 1}`));
  if (mediaType === TEXT_TYPE) return parseWith(schema, answer.text, what);
  return answer.text;
}

/** A call that must answer `status`, as documented; answers the parsed body. */
export async function expectDocumented(status: number, baseUrl: string, route: Route, params: Record<string, string> = {}, options: CallOptions = {}): Promise<any> {
  const answer = await callRoute(baseUrl, route, params, options);
  assert.equal(answer.status, status, `${route.method} ${route.path}: ${answer.text.slice(0, 500)}`);
  return documented(route, answer);
}
