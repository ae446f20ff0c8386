import { DomainError } from '@vm-system/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function requireUuid(value: string, name: string): string {
  if (!UUID.test(value)) throw new DomainError('VALIDATION_ERROR', `${name} must be a UUID: ${value}`, { field: name });
  return value.toLowerCase();
}

/** A non-negative integer query parameter (cursors), with a default when absent. */
export function cursorParam(value: string | undefined, name: string, fallback = 0): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new DomainError('VALIDATION_ERROR', `${name} must be a non-negative integer`, { field: name });
  }
  return Number(value);
}

/** A page size: a positive integer, capped so one request cannot ask for the whole ledger. */
export function limitParam(value: string | undefined, fallback: number, max = 1000): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new DomainError('VALIDATION_ERROR', 'limit must be a positive integer', { field: 'limit' });
  return Math.min(Number(value), max);
}
