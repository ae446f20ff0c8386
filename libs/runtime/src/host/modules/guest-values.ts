import { HostModuleError } from './host-module-error';

/**
 * Host values on their way into the guest. Everything crosses as JSON text that the guest
 * parses itself: a copy by construction, so no host object, function or Reference can leak,
 * and the guest never runs host getters.
 */

/** Largest reply (JSON characters) a host function may hand the guest, and largest argument list. */
export const MAX_TRANSFER_CHARS = 16 * 1024 * 1024;

// Buffers (BLOB columns) become arrays of byte values; BigInts numbers when exact, else strings.
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Uint8Array) return Array.from(raw);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

/** JSON text of `value` (after the conversions above); throws when it is too large. */
export function toGuestJson(value: unknown): string {
  const json = JSON.stringify(value, replacer);
  if (json === undefined) return 'null';
  if (json.length > MAX_TRANSFER_CHARS) throw tooLarge(json.length);
  return json;
}

export function tooLarge(chars: number): HostModuleError {
  return new HostModuleError(`Result too large for the session (${chars} characters, limit ${MAX_TRANSFER_CHARS})`, {
    code: 'RESULT_TOO_LARGE',
  });
}

/** Running size of a result built piece by piece (query rows), so it can stop early. */
export class SizeBudget {
  private used = 0;

  add(value: unknown): void {
    this.used += toGuestJson(value).length + 1;
    if (this.used > MAX_TRANSFER_CHARS) throw tooLarge(this.used);
  }
}
