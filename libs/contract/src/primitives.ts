import { z } from 'zod';
import { named } from './registry';

// JSON Schema patterns have no flags: the case-insensitivity is spelled out.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** An id (v4 or v7 as the daemon makes them); any case in, lower case after parsing. */
export const Uuid = named(
  'Uuid',
  z
    .string()
    .regex(UUID, { error: 'must be a UUID' })
    .toLowerCase()
    .meta({ format: 'uuid', examples: ['0b6f5c1e-8a0c-4f4e-9d3a-2f1e8c7b6a5d'] }),
);

/** RFC 3339 UTC with milliseconds, as every answer writes it. */
export const Timestamp = z.iso.datetime();

/** A required text field: absent, null, empty or only spaces are all "missing". */
export const Text = z.string().regex(/\S/, { error: 'must not be empty' });

/** Any JSON object (capability config, run-file args and env): its keys are the caller's. */
export const JsonObject = z.record(z.string(), z.unknown());

/** A lowercase sha256 in hex. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A count or size: a non-negative integer. */
export const Count = z.int().min(0);

/** A query parameter holding a non-negative integer (a cursor, a position). */
export const nonNegativeQuery = () =>
  z
    .string()
    .regex(/^\d+$/, { error: 'must be a non-negative integer' })
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER, { error: 'must be a non-negative integer' }));

/** A cursor: absent means from the start. */
export const cursorQuery = () => nonNegativeQuery().default(0);

/** A page size: a positive integer, capped so one request cannot ask for everything. */
export const limitQuery = (fallback: number, max: number) =>
  z
    .string()
    .regex(/^0*[1-9]\d*$/, { error: 'must be a positive integer' })
    .transform((value) => Math.min(Number(value), max))
    .default(fallback)
    .meta({ description: `Page size, default ${fallback}; more than ${max} reads as ${max}.` });

/** A boolean switch; absent means false. */
export const flagQuery = (description: string) =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description });
