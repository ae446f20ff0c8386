import { z } from 'zod';
import { ExecutionWithEvents } from './executions';
import { LedgerEvent } from './ledger';
import { Count, Timestamp, Uuid, nonNegativeQuery } from './primitives';
import { named } from './registry';
import { Session } from './sessions';
import { TemplateSnapshot } from './templates';

export const PointInHistory = named('PointInHistory', z.union([z.strictObject({ position: Count }), z.strictObject({ timestamp: Timestamp })]));
export type PointInHistory = z.infer<typeof PointInHistory>;

/** A template's or session's state rebuilt from its events up to a point in history. */
export const StateAt = named(
  'StateAt',
  z.strictObject({
    stream_id: z.string(),
    kind: z.enum(['template', 'session']),
    at: PointInHistory,
    seq: Count.meta({ description: 'The last event folded in (0 when the aggregate did not exist yet).' }),
    position: Count,
    recorded_at: Timestamp.nullable(),
    state: z.looseObject({ status: z.string() }).meta({ description: "The aggregate's state in snake_case; `status: absent` before it existed." }),
  }),
);
export type StateAt = z.infer<typeof StateAt>;

/** A session's whole history: the template it took, its own stream, each execution with its events. */
export const SessionStory = named(
  'SessionStory',
  z.strictObject({
    session: Session,
    template: TemplateSnapshot,
    events: z.array(LedgerEvent),
    executions: z.array(ExecutionWithEvents).meta({ description: 'Oldest first.' }),
  }),
);
export type SessionStory = z.infer<typeof SessionStory>;

/** One replayed execution compared with what the ledger recorded of it. */
export const ReplayedExecution = named(
  'ReplayedExecution',
  z.strictObject({
    execution_id: Uuid,
    verdict: z.enum(['same', 'diverged']),
    first_difference: z.strictObject({ index: Count, expected: z.unknown(), actual: z.unknown(), detail: z.string().optional() }).optional(),
  }),
);
export type ReplayedExecution = z.infer<typeof ReplayedExecution>;

/** `POST /audit/sessions/{session_id}/replay`: the history re-executed in a throwaway host, nothing appended. */
export const ReplayReport = named(
  'ReplayReport',
  z.strictObject({
    session_id: Uuid,
    verdict: z.enum(['same', 'diverged']),
    skipped: z.array(Uuid).meta({ description: 'Executions a restore leaves out (timeouts, cancels, lost hosts).' }),
    executions: z.array(ReplayedExecution),
    error: z.string().optional().meta({ description: 'Set when the replay could not run at all (a library missing from the cache, a host that did not start).' }),
  }),
);
export type ReplayReport = z.infer<typeof ReplayReport>;

/** A template or session id, or its stream id. */
export const StreamOrId = z
  .string()
  .toLowerCase()
  .regex(/^((template|session)-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    error: 'must be a template or session id (or its stream id)',
  });

/** `at_position` or `at` (a timestamp); neither means now (the head). */
export const StateAtQuery = z
  .object({
    at_position: nonNegativeQuery().optional().meta({ description: 'A ledger position.' }),
    at: z
      .string()
      .refine((value) => !Number.isNaN(Date.parse(value)), { error: 'must be an ISO 8601 timestamp' })
      .optional()
      .meta({ description: 'An ISO 8601 timestamp; not with at_position.' }),
  })
  .refine((query) => query.at === undefined || query.at_position === undefined, { path: ['at'], error: 'give at_position or at, not both' });
