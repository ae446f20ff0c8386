import { ErrorEnvelope } from '@vm-system/client';
import { UsageError } from './usage-error';

/**
 * A flag value the CLI cannot turn into a request (not JSON, not an integer, …). It is
 * reported as the daemon would report the same mistake: `INVALID_REQUEST` for a body
 * field (malformed JSON, wrong type), `VALIDATION_ERROR` for a bad query parameter. No
 * request is sent: like any usage mistake it exits 2.
 */
export class FlagError extends UsageError {
  constructor(
    readonly flag: string,
    message: string,
    readonly code: 'INVALID_REQUEST' | 'VALIDATION_ERROR' = 'INVALID_REQUEST',
  ) {
    super(message);
    this.name = 'FlagError';
  }

  get envelope(): ErrorEnvelope {
    return { error: { code: this.code, message: this.message, details: { flag: this.flag } } };
  }
}

export function parseJsonObject(flag: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FlagError(flag, `${flag} must be valid JSON: ${text}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FlagError(flag, `${flag} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** `code`: VALIDATION_ERROR when the integer becomes a query parameter (--limit, --after-seq). */
export function parseInteger(flag: string, text: string, code: FlagError['code'] = 'INVALID_REQUEST'): number {
  if (!/^-?\d+$/.test(text)) throw new FlagError(flag, `${flag} must be an integer: ${text}`, code);
  return Number(text);
}

export function parseBoolean(flag: string, text: string | boolean | undefined): boolean {
  if (text === undefined || text === true || text === 'true') return true;
  if (text === false || text === 'false') return false;
  throw new FlagError(flag, `${flag} must be true or false: ${text}`);
}
