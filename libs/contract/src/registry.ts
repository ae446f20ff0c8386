import { z } from 'zod';

/**
 * The named wire types: each becomes `#/components/schemas/{id}` in the OpenAPI document
 * and is referenced from there wherever it appears.
 */
export const components = new Map<string, z.ZodType>();

/** Registers a schema under the name the document gives it. */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  if (components.has(id)) throw new Error(`two wire types named ${id}`);
  components.set(id, schema);
  return schema;
}
