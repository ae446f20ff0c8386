import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestLogFields } from '../request/request-log-fields';
import { Envelope, envelopeBody, errorEnvelope } from './error-envelope';

/** Every error leaves the daemon as {"error":{code,message,details}}; bugs are logged. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const envelope = errorEnvelope(exception);
    if (envelope.status >= 500) logServerError(this.logger, envelope, exception, requestLogFields(host.switchToHttp().getRequest<Request>(), response));
    response.status(envelope.status).json(envelopeBody(envelope));
  }
}

/**
 * An error that is not one of our rules' is a bug: logged at error with its stack. A
 * documented 5xx (the ledger or a session's owner unreachable) is a condition for the
 * operator to fix, not a bug: a warning with its code, once per request.
 */
export function logServerError(logger: Logger, envelope: Envelope, exception: unknown, fields: object): void {
  if (envelope.code !== 'INTERNAL') {
    logger.warn({ msg: envelope.message, code: envelope.code, ...fields });
    return;
  }
  const error = exception instanceof Error ? { msg: exception.message, stack: exception.stack } : { msg: String(exception) };
  logger.error({ ...error, ...fields });
}
