import { ExecutionEventType as DomainEventType, ExecutionKind as DomainExecutionKind, ExecutionStatus as DomainExecutionStatus } from '@vm-system/domain';
import { z } from 'zod';
import { Count, JsonObject, Sha256, Text, Timestamp, Uuid, cursorQuery, flagQuery, limitQuery } from './primitives';
import { named } from './registry';
import { Same, same } from './same-type';

export const EXECUTION_STATUSES = ['running', 'ok', 'error', 'timeout', 'cancelled'] as const;
export const ExecutionStatus = z.enum(EXECUTION_STATUSES);
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;
same<Same<ExecutionStatus, DomainExecutionStatus>>();

export const ExecutionKind = z.enum(['repl', 'run_file', 'startup']);
export type ExecutionKind = z.infer<typeof ExecutionKind>;
same<Same<ExecutionKind, DomainExecutionKind>>();

export const EXECUTION_EVENT_TYPES = ['input_echo', 'console', 'value', 'exception', 'system', 'stdout', 'stderr'] as const;
export const ExecutionEventType = z.enum(EXECUTION_EVENT_TYPES);
export type ExecutionEventType = z.infer<typeof ExecutionEventType>;
same<Same<ExecutionEventType, DomainEventType>>();

/** `value`: what the code evaluated to. */
export const ValuePayload = named(
  'ValuePayload',
  z.strictObject({
    type: z.string().meta({ description: 'The JS type: undefined, null, boolean, number, bigint, string, symbol, function, object, array.' }),
    preview: z.string().meta({ description: "What Node's REPL would print, at most 1,000 characters." }),
    json: z.unknown().optional().meta({ description: 'Omitted where there is no JSON form (undefined, functions, symbols, NaN, cycles).' }),
  }),
);
export type ValuePayload = z.infer<typeof ValuePayload>;

/** `exception`: an uncaught error, syntax errors included. */
export const ExceptionPayload = named('ExceptionPayload', z.strictObject({ message: z.string(), stack: z.string().optional() }));
export type ExceptionPayload = z.infer<typeof ExceptionPayload>;

/** `system`: limits crossed, timeouts, cancels, runtime loss. */
export const SystemPayload = named('SystemPayload', z.strictObject({ level: z.enum(['info', 'warn', 'error']), message: z.string() }));
export type SystemPayload = z.infer<typeof SystemPayload>;

export const ConsolePayload = named('ConsolePayload', z.strictObject({ level: z.enum(['log', 'info', 'warn', 'error', 'debug']), text: z.string() }));
export type ConsolePayload = z.infer<typeof ConsolePayload>;

/** `input_echo` (the REPL input, or the path run), `stdout`, `stderr`. */
export const TextPayload = named('TextPayload', z.strictObject({ text: z.string() }));
export type TextPayload = z.infer<typeof TextPayload>;

const eventFields = { execution_id: Uuid, seq: z.int().min(1), ts: Timestamp };

/** One thing an execution showed, `seq` contiguous from 1; its payload's shape follows its type. */
export const ExecutionEvent = named(
  'ExecutionEvent',
  z.discriminatedUnion('type', [
    z.strictObject({ ...eventFields, type: z.literal('input_echo'), payload: TextPayload }),
    z.strictObject({ ...eventFields, type: z.literal('console'), payload: ConsolePayload }),
    z.strictObject({ ...eventFields, type: z.literal('value'), payload: ValuePayload }),
    z.strictObject({ ...eventFields, type: z.literal('exception'), payload: ExceptionPayload }),
    z.strictObject({ ...eventFields, type: z.literal('system'), payload: SystemPayload }),
    z.strictObject({ ...eventFields, type: z.enum(['stdout', 'stderr']), payload: TextPayload }),
  ]),
);
/** Narrows by `type`: `if (event.type === 'console') event.payload.level`. */
export type TypedExecutionEvent = z.infer<typeof ExecutionEvent>;
/**
 * The event as most code reads it: its payload's shape follows `type`, which the schema
 * checks; TypeScript could only follow it where the type is tested right beside the access.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read after testing `type`; the schema above checks each payload
export type ExecutionEvent = Omit<TypedExecutionEvent, 'payload'> & { payload: any };

export const Execution = named(
  'Execution',
  z.strictObject({
    id: Uuid,
    session_id: Uuid,
    kind: ExecutionKind,
    input: z.string().optional(),
    path: z.string().optional(),
    args: JsonObject,
    env: JsonObject,
    status: ExecutionStatus,
    started_at: Timestamp,
    ended_at: Timestamp.optional(),
    result: ValuePayload.optional().meta({ description: "The value event's payload." }),
    error: z
      .strictObject({ message: z.string(), stack: z.string().optional(), level: SystemPayload.shape.level.optional() })
      .optional()
      .meta({ description: "The exception's payload ({message, stack}), or the system event's ({level, message}) when a limit, a cancel or the runtime stopped it." }),
    metrics: z.strictObject({ wall_ms: Count, cpu_ms: Count, event_count: Count, output_bytes: Count }),
    source_sha256: Sha256.optional().meta({ description: 'The text a startup or run_file execution ran: GET /executions/{execution_id}/source.' }),
    recorded_calls: Count.meta({ description: 'How many outside observations (clock, random, host calls) a replay feeds back.' }),
  }),
);
export type Execution = z.infer<typeof Execution>;

export const ExecutionWithEvents = named('ExecutionWithEvents', Execution.extend({ events: z.array(ExecutionEvent) }));
export type ExecutionWithEvents = z.infer<typeof ExecutionWithEvents>;

const wait = z.boolean().nullish().meta({ description: 'Default true: answer 201 when it ended, with its events; false: 202 at once, the execution running.' });

export const ReplBody = named('ReplBody', z.strictObject({ session_id: Uuid, input: Text, wait }));
export type ReplBody = z.input<typeof ReplBody>;

export const RunFileBody = named(
  'RunFileBody',
  z.strictObject({
    session_id: Uuid,
    path: Text.meta({ description: 'Relative to the worktree.' }),
    args: JsonObject.nullish().meta({ description: 'Visible to the script as the global __ARGS__; default {}.' }),
    env: JsonObject.nullish().meta({ description: 'Default {}.' }),
    wait,
  }),
);
export type RunFileBody = z.input<typeof RunFileBody>;

export const ListExecutionsQuery = z.object({
  session_id: Uuid,
  limit: limitQuery(50, 1000),
});

/** An execution's events page; `follow=true` makes it a live tail. */
export const ExecutionEventsQuery = z.object({
  after_seq: cursorQuery().meta({ description: 'Events with seq greater than this (default 0); Last-Event-ID wins on a tail.' }),
  limit: limitQuery(1000, 10000),
  follow: flagQuery('true: Server-Sent Events, each event under its seq, then `end` with the finished execution.'),
});
