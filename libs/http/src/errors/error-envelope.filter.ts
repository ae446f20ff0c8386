import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@vm-system/domain';
import { SqliteUnavailableError, isSqliteUnavailable } from '@vm-system/ledger';
import type { Request, Response } from 'express';
import { requestLogFields } from '../request/request-log-fields';
import { ERROR_STATUS } from './error-status';

interface Envelope {
  status: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Every error leaves the daemon as {"error":{code,message,details}}; bugs are logged. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message, details } = this.toEnvelope(exception);
    if (status >= 500) {
      const fields = requestLogFields(host.switchToHttp().getRequest<Request>(), response);
      const error = exception instanceof Error ? { msg: exception.message, stack: exception.stack } : { msg: String(exception) };
      this.logger.error({ ...error, ...fields });
    }
    response.status(status).json({ error: { code, message, ...(details ? { details } : {}) } });
  }

  private toEnvelope(exception: unknown): Envelope {
    if (exception instanceof DomainError) {
      return { status: ERROR_STATUS[exception.code], code: exception.code, message: exception.message, details: exception.details };
    }
    // SQLite statements outside the ledger's executor (a rebuild's shadow file) on a full disk.
    if (isSqliteUnavailable(exception)) return this.toEnvelope(new SqliteUnavailableError(exception as Error & { code?: string }));
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
}
