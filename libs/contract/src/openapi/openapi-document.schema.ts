import { z } from 'zod';
import { named } from '../registry';

/** The outline of an OpenAPI 3.1 document; what a reader needs to know it is one. */
export const OpenApiDocument = named(
  'OpenApiDocument',
  z.looseObject({
    openapi: z.string().regex(/^3\.1\.\d+$/),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
  }),
);
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;
