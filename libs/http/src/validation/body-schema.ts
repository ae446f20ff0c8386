import { DomainError } from '@vm-system/domain';

export type FieldSpec =
  | { type: 'string' | 'integer' | 'boolean' | 'object' | 'string[]'; required?: boolean }
  | { type: 'nested'; fields: BodySchema };

export type BodySchema = Record<string, FieldSpec>;

const invalid = (message: string) => new DomainError('INVALID_REQUEST', message);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Strict body rules of the contract: not an object, an unknown field or a wrong type is
 * INVALID_REQUEST; a missing or empty required field is VALIDATION_ERROR.
 */
export function parseBody<T>(body: unknown, schema: BodySchema, prefix = ''): T {
  const value = body === undefined ? {} : body;
  if (!isPlainObject(value)) throw invalid(prefix ? `Field ${prefix.slice(0, -1)} must be a JSON object` : 'Request body must be a JSON object');
  for (const key of Object.keys(value)) {
    if (!(key in schema)) throw invalid(`Unknown field: ${prefix}${key}`);
  }
  for (const [key, spec] of Object.entries(schema)) {
    const field = value[key];
    const name = `${prefix}${key}`;
    if (field === undefined || field === null) {
      if ('required' in spec && spec.required) throw new DomainError('VALIDATION_ERROR', `Field ${name} is required`, { field: name });
      continue;
    }
    if (spec.type === 'nested') {
      parseBody(field, spec.fields, `${name}.`);
      continue;
    }
    if (!hasType(field, spec.type)) throw invalid(`Field ${name} must be ${describe(spec.type)}`);
    if (spec.required && spec.type === 'string' && (field as string).trim() === '') {
      throw new DomainError('VALIDATION_ERROR', `Field ${name} must not be empty`, { field: name });
    }
  }
  return value as T;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'object': return isPlainObject(value);
    case 'string[]': return Array.isArray(value) && value.every((v) => typeof v === 'string');
    default: return false;
  }
}

function describe(type: string): string {
  return { string: 'a string', integer: 'an integer', boolean: 'a boolean', object: 'a JSON object', 'string[]': 'an array of strings' }[type] ?? type;
}

export const NAME_BODY: BodySchema = { name: { type: 'string', required: true } };
