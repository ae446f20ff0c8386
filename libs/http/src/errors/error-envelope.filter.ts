import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestLogFields } from '../request/request-log-fields';
import { envelopeBody, errorEnvelope } from './error-envelope';

/** Every error leaves the daemon as {"error":{code,message,details}}; bugs are logged. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const envelope = errorEnvelope(exception);
    if (envelope.status >= 500) logBug(this.logger, exception, requestLogFields(host.switchToHttp().getRequest<Request>(), response));
    response.status(envelope.status).json(envelopeBody(envelope));
  }
}

/** An error that is not one of our rules' is a bug: logged with its stack and request. */
export function logBug(logger: Logger, exception: unknown, fields: object): void {
  const error = exception instanceof Error ? { msg: exception.message, stack: exception.stack } : { msg: String(exception) };
  logger.error({ ...error, ...fields });
}
