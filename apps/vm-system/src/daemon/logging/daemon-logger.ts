import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '../../cli/global-options';
import { textLine } from './text-line';

export type LogFormat = 'text' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

/**
 * Nest's own chatter at start (every module loaded, every route mapped) is debug, not info:
 * at info the daemon says what an operator acts on, and one line per request.
 */
const NEST_START_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * The daemon's one logger (pino) on stderr, synchronously so a crash loses no line: JSON, one
 * object a line (`time`, `level`, `msg`, and the fields of what is logged), or the same as a
 * readable line. stdout stays the CLI's (the "listening on" line).
 */
export function createDaemonLogger(level: LogLevel, format: LogFormat): Logger {
  const destination: DestinationStream = format === 'json' ? pino.destination({ dest: 2, sync: true }) : { write: (line: string) => void process.stderr.write(textLine(line)) };
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Nest's LoggerService on pino: Nest's messages and ours (objects keep their fields) go through one logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write(context !== undefined && NEST_START_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest calls error(message, stack, context), or error(message, context) when there is no stack.
    const [stack, where] = context === undefined ? [undefined, stackOrContext] : [stackOrContext, context];
    this.write('error', message, where, stack);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug', message: unknown, context?: string, stack?: string): void {
    // A line below the level is dropped before its fields are gathered (one per request and per execution).
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    if (stack !== undefined) fields.stack = stack;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const { msg, ...rest } = message as Record<string, unknown>;
      this.logger[level]({ ...fields, ...rest }, String(msg ?? ''));
    } else {
      this.logger[level](fields, message instanceof Error ? message.message : String(message));
    }
  }
}
