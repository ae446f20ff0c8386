import { z } from 'zod';
import { ErrorCode } from '../errors';
import { Scope } from '../tokens';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export const JSON_TYPE = 'application/json';
export const NDJSON_TYPE = 'application/x-ndjson';
export const SSE_TYPE = 'text/event-stream';
export const TEXT_TYPE = 'text/plain';

/** One answer: its description and, per media type, its schema (none: not described further). */
export interface Answer {
  description: string;
  content: Partial<Record<string, z.ZodType | null>>;
}

/**
 * One route of the API: everything a client needs to call it, and what the daemon checks.
 * Paths are relative to `/api/v1` and name their parameters by what they are
 * (`/sessions/{session_id}`), which is also the `field` a malformed one is reported as.
 */
export interface Route {
  method: Method;
  path: string;
  /** Served at the daemon's root instead of under `/api/v1` (`/metrics`, where scrapers look). */
  atRoot?: true;
  summary: string;
  /** `public`: no token needed even with auth on. */
  scope: Scope | 'public';
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: { schema: z.ZodType | null; contentType: string; required: boolean };
  responses: Record<number, Answer>;
  /** What this route itself answers besides success; the guard's answers are added for every route. */
  errors: readonly ErrorCode[];
}

export const route = <const R extends Route>(spec: R): R => spec;

export const json = (description: string, schema: z.ZodType): Answer => ({ description, content: { [JSON_TYPE]: schema } });

export const jsonBody = <S extends z.ZodType>(schema: S, required = true) => ({ schema, contentType: JSON_TYPE, required });
