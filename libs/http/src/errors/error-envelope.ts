import { HttpException } from '@nestjs/common';
import { DomainError, ErrorCode } from '@vm-system/domain';
import { SqliteUnavailableError, isSqliteUnavailable } from '@vm-system/ledger';
import { ERROR_STATUS } from './error-status';

export interface Envelope {
  status: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** What an error leaves the daemon as: the contract's code and status for ours, INTERNAL for a bug. */
export function errorEnvelope(exception: unknown): Envelope {
  if (exception instanceof DomainError) {
    return { status: ERROR_STATUS[exception.code], code: exception.code, message: exception.message, details: exception.details };
  }
  // SQLite statements outside the ledger's executor (a rebuild's shadow file) on a full disk.
  if (isSqliteUnavailable(exception)) return errorEnvelope(new SqliteUnavailableError(exception as Error & { code?: string }));
  const bodyParserType = (exception as { type?: string })?.type;
  if (bodyParserType === 'entity.parse.failed') {
    return { status: 400, code: 'INVALID_REQUEST', message: `Malformed JSON body: ${(exception as Error).message}` };
  }
  if (bodyParserType === 'entity.too.large') return { status: 400, code: 'INVALID_REQUEST', message: 'Request body too large' };
  if (exception instanceof HttpException && exception.getStatus() === 404) {
    return { status: 404, code: 'NOT_FOUND', message: 'Route not found' };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    // Nest's own 4xx here come from reading the body; our rules raise DomainErrors.
    return { status: 400, code: 'INVALID_REQUEST', message: `Malformed request body: ${exception.message}` };
  }
  return { status: 500, code: 'INTERNAL', message: 'Internal error' };
}

/** The envelope's body: {"error":{code,message,details}}. */
export function envelopeBody({ code, message, details }: Envelope): { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } } {
  return { error: { code, message, ...(details ? { details } : {}) } };
}
