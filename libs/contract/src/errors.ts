import { ErrorCode as DomainErrorCode, ErrorCodes } from '@vm-system/domain';
import { z } from 'zod';
import { JsonObject } from './primitives';
import { named } from './registry';

export const ErrorCode = z.enum(ErrorCodes);
export type ErrorCode = DomainErrorCode;

/** The status each error code is answered with. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  INVALID_REQUEST: 400,
  NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  EXECUTION_NOT_FOUND: 404,
  EXECUTION_NOT_RUNNING: 409,
  SOURCE_NOT_RECORDED: 404,
  FILE_NOT_FOUND: 404,
  TEMPLATE_NAME_TAKEN: 409,
  CAPABILITY_EXISTS: 409,
  SESSION_NOT_READY: 409,
  SESSION_BUSY: 409,
  CONCURRENCY_CONFLICT: 409,
  INVALID_PATH: 422,
  STARTUP_FAILED: 422,
  OUTPUT_LIMIT_EXCEEDED: 422,
  STARTUP_MODE_UNSUPPORTED: 422,
  MODULE_NOT_ALLOWED: 422,
  LIBRARY_NOT_FOUND: 422,
  LIBRARY_NOT_CACHED: 422,
  ENGINE_NOT_SUPPORTED: 422,
  STREAM_NOT_FOUND: 404,
  LEDGER_NOT_EMPTY: 409,
  IMPORT_REJECTED: 422,
  REBUILD_IN_PROGRESS: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  HOST_NOT_ALLOWED: 403,
  ORIGIN_NOT_ALLOWED: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  QUOTA_EXCEEDED: 429,
  TOKEN_NOT_FOUND: 404,
  LEDGER_UNAVAILABLE: 503,
  SESSION_MOVED: 409,
  SESSION_OWNER_UNREACHABLE: 503,
  INTERNAL: 500,
};

/** The envelope of an error whose code is one of `codes`. */
export const errorEnvelope = <C extends ErrorCode>(codes: readonly [C, ...C[]]) =>
  z.strictObject({
    error: z.strictObject({
      code: z.enum(codes),
      message: z.string().meta({ description: 'For people; the code is what a program reads.' }),
      details: JsonObject.optional(),
    }),
  });

/** Every error, whatever its status: `code` is stable, `message` is for people. */
export const ErrorEnvelope = named('ErrorEnvelope', errorEnvelope(ErrorCodes));
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** When each code is answered, as the document explains it. */
export const ERROR_MEANING: Record<ErrorCode, string> = {
  VALIDATION_ERROR: 'a missing or invalid field, a malformed id, a bad query parameter (`details.field` names it)',
  INVALID_REQUEST: 'a body that is not valid JSON or not an object, an unknown field, a field of the wrong type',
  NOT_FOUND: 'no such route',
  TEMPLATE_NOT_FOUND: 'no live template with this id',
  SESSION_NOT_FOUND: 'no session with this id',
  EXECUTION_NOT_FOUND: 'no execution with this id (of this session)',
  EXECUTION_NOT_RUNNING: 'the execution already ended',
  SOURCE_NOT_RECORDED: 'the execution has no recorded source (a REPL input is its source)',
  FILE_NOT_FOUND: 'the file to run is not in the worktree',
  TEMPLATE_NAME_TAKEN: 'a live template already has this name',
  CAPABILITY_EXISTS: 'the template already has a capability of this kind and name',
  SESSION_NOT_READY: 'the session is not ready (starting, crashed or closed)',
  SESSION_BUSY: 'another execution is running in the session',
  CONCURRENCY_CONFLICT: 'another process wrote the same stream meanwhile',
  INVALID_PATH: 'an absolute or escaping path, or a worktree that is relative, missing, not a directory or outside every --worktree-root',
  STARTUP_FAILED: 'a startup file is missing or threw (`details`: session_id, path)',
  OUTPUT_LIMIT_EXCEEDED: 'the execution crossed max_events or max_output_kb (`details.execution_id`)',
  STARTUP_MODE_UNSUPPORTED: 'a startup mode other than eval',
  MODULE_NOT_ALLOWED: 'a JavaScript built-in, or a module not in the catalog',
  LIBRARY_NOT_FOUND: 'a library not in the catalog',
  LIBRARY_NOT_CACHED: "a template's library is not in the daemon's library cache",
  ENGINE_NOT_SUPPORTED: 'an engine other than goja or isolated-vm',
  STREAM_NOT_FOUND: 'no template or session stream with this id',
  LEDGER_NOT_EMPTY: 'an import needs an empty ledger',
  IMPORT_REJECTED: 'a line of the import does not chain or does not parse; nothing was written',
  REBUILD_IN_PROGRESS: 'a projection rebuild is already running',
  UNAUTHENTICATED: 'with auth on: no valid, unexpired, unrevoked bearer token',
  FORBIDDEN: "with auth on: the token lacks the route's scope (`details.required_scope`)",
  HOST_NOT_ALLOWED: 'the Host header does not name this daemon',
  ORIGIN_NOT_ALLOWED: "a write whose Origin is neither the daemon's own nor an --allowed-origin",
  UNSUPPORTED_MEDIA_TYPE: 'a body that is not sent as application/json (application/x-ndjson for an import)',
  QUOTA_EXCEEDED: "the token's max_live_sessions is reached",
  TOKEN_NOT_FOUND: 'no token with this id',
  SESSION_OWNER_UNREACHABLE: 'the daemon hosting the session did not answer the forwarded request; retry (once its lease runs out, another daemon takes the session over)',
  SESSION_MOVED: 'another daemon took the session over while this one ran it (a shared PostgreSQL ledger); retry',
  LEDGER_UNAVAILABLE: "the ledger database cannot take the request now: PostgreSQL cannot be reached or did not answer in time, or SQLite's disk is full or failing; retry",
  INTERNAL: 'a bug: logged by the daemon with its stack',
};
