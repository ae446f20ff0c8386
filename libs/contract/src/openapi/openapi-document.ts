import { z } from 'zod';
import { ERROR_MEANING, ERROR_STATUS, ErrorCode, ErrorEnvelope } from '../errors';
import { components } from '../registry';
import { JSON_TYPE, Route } from '../routes/route';
import { routes } from '../routes';
import { OpenApiDocument } from './openapi-document.schema';

export const API_BASE = '/api/v1';
const COMPONENTS = '#/components/schemas/';
const INLINE = '__inline_';

type JsonSchema = Record<string, unknown>;

/** What the guard in front of every route may answer, besides the route itself. */
export function guardErrors(route: Route): ErrorCode[] {
  const codes: ErrorCode[] = ['HOST_NOT_ALLOWED', 'INVALID_REQUEST', 'INTERNAL', 'LEDGER_UNAVAILABLE'];
  if (route.method !== 'GET') codes.push('ORIGIN_NOT_ALLOWED', 'UNSUPPORTED_MEDIA_TYPE');
  if (route.scope !== 'public') codes.push('UNAUTHENTICATED', 'FORBIDDEN');
  return codes;
}

/** Every error a route may answer, by status. */
export function errorsByStatus(route: Route): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...route.errors, ...guardErrors(route)])) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

/**
 * The OpenAPI 3.1 document of every route, from the same zod schemas that validate the
 * requests: named wire types under components, each route's parameters, body, answers
 * and errors. One pass of z.toJSONSchema over all of them, so references stay references.
 */
export function openApiDocument(version: string): OpenApiDocument {
  const schemas = new SchemaPass();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(routes) as [string, Route][]) {
    // A route served at the root says so with a server of its own (OpenAPI 3.1 path-level servers).
    paths[route.path] ??= route.atRoot ? { servers: [{ url: '/' }] } : {};
    paths[route.path][route.method.toLowerCase()] = operation(operationId, route, schemas);
  }
  const { named, inline } = schemas.generate();
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'vm-system',
      version,
      description: 'A JavaScript sandbox daemon with an event-sourced execution ledger. Every answer carries `X-Request-Id`.',
    },
    servers: [{ url: API_BASE }],
    tags: [...new Set(Object.values(routes).map((r) => tagOf(r.path)))].map((name) => ({ name })),
    paths: resolveInline(paths, inline) as Record<string, Record<string, unknown>>,
    components: {
      schemas: named,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A `vms_…` token (`vm-system token create`), needed when the daemon runs with `--auth token` (the default off loopback). Its scopes: read < execute < admin.',
        },
      },
    },
  };
  return OpenApiDocument.parse(document);
}

function operation(operationId: string, route: Route, schemas: SchemaPass): JsonSchema {
  const parameters = [
    ...Object.entries(route.params ?? {}).map(([name, schema]) => parameter(name, 'path', schema, true)),
    ...Object.entries(route.query?.shape ?? {}).map(([name, schema]) => parameter(name, 'query', schema as z.ZodType, !(schema as z.ZodType).safeParse(undefined).success)),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    const content = Object.fromEntries(Object.entries(answer.content).map(([type, schema]) => [type, schema ? { schema: schemas.ref(schema) } : {}]));
    responses[status] = { description: answer.description, content };
  }
  for (const [status, codes] of errorsByStatus(route)) {
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\`: ${ERROR_MEANING[code]}`).join('; '),
      // The envelope once under components; here only which of its codes this status carries.
      content: {
        [JSON_TYPE]: {
          schema: { allOf: [schemas.ref(ErrorEnvelope), { properties: { error: { properties: { code: { enum: codes } } } } }] },
          example: { error: { code: codes[0], message: ERROR_MEANING[codes[0]] } },
        },
      },
    };
  }
  return {
    operationId,
    summary: route.summary,
    tags: [tagOf(route.path)],
    security: route.scope === 'public' ? [] : [{ bearer: [route.scope] }],
    'x-required-scope': route.scope,
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: route.body.required, content: { [route.body.contentType]: route.body.schema ? { schema: schemas.ref(route.body.schema) } : {} } } }
      : {}),
    responses,
  };
}

/** Parameters arrive as text: described as the text the daemon accepts. */
function parameter(name: string, location: 'path' | 'query', schema: z.ZodType, required: boolean): JsonSchema {
  const { $schema: _, description, ...json } = z.toJSONSchema(schema, { io: 'input', ...GENERATION }) as JsonSchema;
  return { name, in: location, required, ...(description ? { description } : {}), schema: json };
}

const tagOf = (path: string) => path.split('/')[1];

const GENERATION = {
  unrepresentable: 'any',
  // `format: date-time` says it; zod's leap-year-aware pattern beside it would only be noise.
  override: ({ jsonSchema }: { jsonSchema: JsonSchema }) => {
    if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
  },
} as const;

/**
 * Collects every schema the document uses; the named wire types become components and
 * the rest (arrays of them, error envelopes by status) are written inline where used.
 */
class SchemaPass {
  private readonly ids = new Map<z.ZodType, string>();
  private inlineCount = 0;

  constructor() {
    for (const [id, schema] of components) this.ids.set(schema, id);
  }

  ref(schema: z.ZodType): JsonSchema {
    let id = this.ids.get(schema);
    if (!id) this.ids.set(schema, (id = `${INLINE}${this.inlineCount++}`));
    return { $ref: COMPONENTS + id };
  }

  generate(): { named: Record<string, JsonSchema>; inline: Record<string, JsonSchema> } {
    const registry = z.registry<{ id: string }>();
    for (const [schema, id] of this.ids) registry.add(schema, { id });
    const { schemas } = z.toJSONSchema(registry, { uri: (id) => COMPONENTS + id, ...GENERATION }) as { schemas: Record<string, JsonSchema> };
    const named: Record<string, JsonSchema> = {};
    const inline: Record<string, JsonSchema> = {};
    for (const [id, { $schema: _s, $id: _i, ...schema }] of Object.entries(schemas)) (id.startsWith(INLINE) ? inline : named)[id] = schema;
    return { named: Object.fromEntries(Object.entries(named).sort(([a], [b]) => a.localeCompare(b))), inline };
  }
}

/** Replaces each reference to an inline schema by the schema itself. */
function resolveInline(value: unknown, inline: Record<string, JsonSchema>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveInline(item, inline));
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith(COMPONENTS + INLINE)) return resolveInline(inline[ref.slice(COMPONENTS.length)], inline);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveInline(item, inline)]));
}
