import { z } from 'zod';
import { Count, Sha256, Timestamp, cursorQuery, flagQuery, limitQuery } from './primitives';
import { named } from './registry';

/** Who caused an event, and under which request. Other keys may be added; readers ignore them. */
const EventMetadata = z.looseObject({
  request_id: z.string().optional(),
  actor: z.string().optional(),
  claimed_actor: z.string().optional(),
  token_id: z.string().optional(),
  causation: z.string().optional(),
  /** The trace id of the request's W3C `traceparent` header, when it sent a valid one. */
  trace_id: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  schema: z.int().optional(),
});

/** One row of the ledger, as stored. */
export const LedgerEvent = named(
  'LedgerEvent',
  z.strictObject({
    position: z.int().min(1),
    stream_id: z.string(),
    seq: z.int().min(1),
    type: z.string(),
    data: z.unknown().meta({ description: 'The event payload: JSON, its shape depends on `type`.' }),
    metadata: EventMetadata,
    recorded_at: Timestamp,
    hash: Sha256.meta({ description: "sha256 of the previous row's hash and this row's canonical form." }),
  }),
);
export type LedgerEvent = z.infer<typeof LedgerEvent>;

export const LedgerHead = named(
  'LedgerHead',
  z.strictObject({ position: Count, hash: Sha256.nullable(), recorded_at: Timestamp.nullable() }).meta({ description: 'null hash and time on an empty ledger.' }),
);
export type LedgerHead = z.infer<typeof LedgerHead>;

export const VerifyReport = named(
  'VerifyReport',
  z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), count: Count, head_position: Count, head_hash: Sha256.nullable() }),
    z.strictObject({
      ok: z.literal(false),
      count: Count,
      first_bad_position: z.int().min(1),
      reason: z.enum(['hash_mismatch', 'position_gap']),
      expected: z.string(),
      found: z.string(),
    }),
  ]),
);
export type VerifyReport = z.infer<typeof VerifyReport>;

export const ImportReport = named('ImportReport', z.strictObject({ events: Count, head_position: Count, head_hash: Sha256.nullable() }));
export type ImportReport = z.infer<typeof ImportReport>;

export const ProjectionStatus = named(
  'ProjectionStatus',
  z.strictObject({
    name: z.string(),
    checkpoint: Count.meta({ description: 'The last ledger position the read model has applied.' }),
    lag_events: Count,
    lag_seconds: z.number().min(0).meta({ description: "Between the head's commit and the checkpoint's commit." }),
  }),
);
export type ProjectionStatus = z.infer<typeof ProjectionStatus>;

export const RebuildReport = named(
  'RebuildReport',
  z.strictObject({
    events: Count,
    position: Count,
    elapsed_ms: z.number().min(0),
    events_per_s: z.number().min(0),
    projections: z.array(z.strictObject({ name: z.string(), rows: Count, equal: z.boolean(), differences: Count })),
  }),
);
export type RebuildReport = z.infer<typeof RebuildReport>;

export const RebuildProgress = named('RebuildProgress', z.strictObject({ position: Count, head: Count }));
export type RebuildProgress = z.infer<typeof RebuildProgress>;

/** One NDJSON line of `rebuild-projections?progress=true`. */
export const RebuildLine = named(
  'RebuildLine',
  z.union([
    z.strictObject({ progress: RebuildProgress }),
    z.strictObject({ report: RebuildReport }),
    z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) }),
  ]),
);
export type RebuildLine = z.infer<typeof RebuildLine>;

export const STREAM_KINDS = ['template', 'session', 'execution', 'token', 'source'] as const;

// A source stream is named by the sha256 of the text it records, every other stream by a uuid.
// Lower-cased before the check: any case is accepted, the documented form is lower case.
export const StreamId = z
  .string()
  .toLowerCase()
  .regex(/^((template|session|execution|token)-[0-9a-f-]{36}|source-[0-9a-f]{64})$/, {
    error: 'must be template-<uuid>, session-<uuid>, execution-<uuid>, token-<uuid> or source-<sha256>',
  });

/** Which events a ledger read or tail keeps. */
export const LedgerFilter = z.object({
  stream_id: StreamId.optional(),
  stream_kind: z.enum(STREAM_KINDS).optional(),
  type: z
    .string()
    .regex(/^[A-Za-z_]{1,64}$/, { error: 'must be an event type name' })
    .optional(),
});
export type LedgerFilter = z.input<typeof LedgerFilter>;

export const LedgerEventsQuery = LedgerFilter.extend({
  after_position: cursorQuery().meta({ description: 'Events after this position (default 0); Last-Event-ID wins on a tail.' }),
  limit: limitQuery(100, 1000),
  follow: flagQuery('true: Server-Sent Events, each event under its position, until the client goes away.'),
});

export const LedgerStreamQuery = z.object({ after_seq: cursorQuery(), limit: limitQuery(100, 1000) });

export const LedgerExportQuery = z.object({ after_position: cursorQuery() });

export const RebuildQuery = z.object({
  progress: flagQuery('true: NDJSON lines, `{"progress":…}` while it runs, then `{"report":…}` (or `{"error":…}`).'),
});
