import { DomainError } from '@vm-system/domain';

/** `follow=true` turns a paged read into a live tail. */
export function followParam(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new DomainError('VALIDATION_ERROR', 'follow must be true or false', { field: 'follow' });
}
