import type { Route } from '@vm-system/contract';
import { DomainError } from '@vm-system/domain';
import { z } from 'zod';
import { phrase, valueAt } from './zod-messages';

type WithBody = Pick<Route, 'body'> & { body: { schema: z.ZodType } };
type WithQuery = Pick<Route, 'query'> & { query: z.ZodType };
type WithParams = { params: Record<string, z.ZodType> };

/**
 * Parsed fast, then once more with our phrasing only when it failed: an error map on every
 * parse costs microseconds the events-page hot route would pay on each page.
 */
function check<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? parsed : schema.safeParse(input, { error: phrase });
}

const validation = (message: string, field: string) => new DomainError('VALIDATION_ERROR', message, { field });
const isShapeIssue = (issue: z.core.$ZodIssue, input: unknown) => issue.code === 'unrecognized_keys' || (issue.code === 'invalid_type' && valueAt(input, issue.path) != null);

/**
 * A request body by its route's schema, with the contract's codes: a body that is not an
 * object, an unknown field or a wrong type is INVALID_REQUEST (its shape is wrong); a
 * missing, empty or out-of-range field is VALIDATION_ERROR naming the field. Shape first.
 */
export function parseBody<R extends WithBody>(route: R, body: unknown): z.output<R['body']['schema']> {
  const input = body === undefined ? {} : body;
  const parsed = check(route.body.schema, input);
  if (parsed.success) return parsed.data as z.output<R['body']['schema']>;
  const issues = parsed.error.issues;
  const issue = issues.find((i) => isShapeIssue(i, input)) ?? issues[0];
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') throw new DomainError('INVALID_REQUEST', `Unknown field: ${field ? `${field}.` : ''}${issue.keys[0]}`);
  if (issue.code === 'invalid_type') {
    if (valueAt(input, issue.path) == null) throw validation(`Field ${field} is required`, field);
    throw new DomainError('INVALID_REQUEST', field ? `Field ${field} ${issue.message}` : 'Request body must be a JSON object');
  }
  throw validation(`Field ${field} ${issue.message}`, field);
}

/** Query parameters by the route's schema; an empty one counts as absent. Any problem is VALIDATION_ERROR. */
export function parseQuery<R extends WithQuery>(route: R, query: Record<string, unknown>): z.output<R['query']> {
  const given: Record<string, unknown> = {};
  for (const key in query) if (query[key] !== '') given[key] = query[key];
  const parsed = check(route.query, given);
  if (parsed.success) return parsed.data as z.output<R['query']>;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? '');
  const value = given[field];
  if (value === undefined && issue.code === 'invalid_type') throw validation(`${field} is required`, field);
  if (Array.isArray(value)) throw validation(`${field} must be given once`, field);
  throw validation(`${field} ${issue.message}`, field);
}

/** A path parameter by the route's schema for it, reported under its name (`session_id`). */
export function pathParam<R extends WithParams, K extends keyof R['params'] & string>(route: R, name: K, value: string): z.output<R['params'][K]> {
  const parsed = check(route.params[name], value);
  if (parsed.success) return parsed.data as z.output<R['params'][K]>;
  throw validation(`${name} ${parsed.error.issues[0].message}: ${value}`, name);
}
