import fc from 'fast-check';
import { z } from 'zod';
import { JSON_TYPE, NDJSON_TYPE, Route } from '@vm-system/contract';

/** An id the request takes from what the daemon holds when it is sent (ids made during the run included). */
export interface Pick {
  $pick: Pool;
  index: number;
}
export type Pool = 'template' | 'session' | 'execution' | 'token' | 'stream' | 'any';

/** What a request carries before its picks are resolved. */
export type Value = unknown;

export type TokenChoice = 'full' | 'none' | 'read-only' | 'garbage';

export interface FuzzRequest {
  operationId: string;
  /** valid: from the route's schemas; otherwise the hostile change made to a valid request. */
  kind: string;
  method: string;
  /** Path parameters by name, before encoding (a string is sent as is, already encoded). */
  params: Record<string, Value>;
  /** Appended to the route's path: an odd segment. */
  pathSuffix: string;
  /** Path rewritten as a whole (case, doubled slashes); undefined: the route's own. */
  pathStyle: 'plain' | 'trailing-slash' | 'upper-case' | 'double-slash';
  query: [string, Value][];
  body?: { contentType: string | null; text: Value };
  token: TokenChoice;
  headers: Record<string, string>;
}

type JsonSchema = Record<string, any>;

const UUID_PATTERN = /\[0-9a-fA-F\]\{8\}-/;

/** Code a REPL runs: bounded, as hostile.e2e covers hostile code. */
const SNIPPETS = [
  '1 + 1',
  'console.log("fuzz")',
  'globalThis.counter = (globalThis.counter ?? 0) + 1',
  'throw new Error("fuzz")',
  'await new Promise((resolve) => setTimeout(resolve, 5)); 42',
  '"x".repeat(2000)',
  'let shadow = 1; shadow',
  '({ a: [1, 2, { b: null }] })',
  'syntax error here (',
  'console.error("to stderr"); undefined',
];

const names = fc.oneof(fc.constantFrom('fs', 'database', 'exec', 'lodash', 'dayjs', 'moment', 'ramda', 'FS', 'lodash@4.17.21'), fc.string({ maxLength: 12 }));
const pick = (pool: Pool): fc.Arbitrary<Pick> => fc.nat({ max: 1000 }).map((index) => ({ $pick: pool, index }));
const uuidFor = (key: string): fc.Arbitrary<Value> => {
  const pool: Pool = /template/.test(key) ? 'template' : /session/.test(key) ? 'session' : /execution/.test(key) ? 'execution' : /token/.test(key) ? 'token' : 'any';
  return fc.oneof({ weight: 8, arbitrary: pick(pool) }, { weight: 1, arbitrary: pick('any') }, { weight: 1, arbitrary: fc.uuid() });
};

/** Values a field of this name usually holds, so valid requests reach past existence checks. */
function hinted(key: string, schema: JsonSchema): fc.Arbitrary<Value> | undefined {
  if (schema.format === 'uuid' || (typeof schema.pattern === 'string' && UUID_PATTERN.test(schema.pattern) && !schema.pattern.includes('template|session'))) return uuidFor(key);
  if (typeof schema.pattern === 'string' && schema.pattern.includes('template|session'))
    return fc.tuple(fc.constantFrom('', 'session-', 'template-'), pick('any')).map(([prefix, id]) => ({ $prefix: prefix, ...id }));
  switch (key) {
    case 'stream_id':
      return pick('stream');
    case 'worktree_path':
      return fc.constantFrom({ $worktree: true }, '/nonexistent/fuzz', 'relative/path', '/', '/etc');
    case 'path':
      return fc.constantFrom('main.js', 'missing.js', '../outside.js', '/etc/passwd', 'dir', 'main.js/');
    case 'input':
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SNIPPETS) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) });
    case 'name':
      return names;
    case 'expires_at':
    case 'at':
      return fc.oneof(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string({ maxLength: 20 }),
      );
    case 'max_live_sessions':
      return fc.integer({ min: 1, max: 3 });
  }
  return undefined;
}

/** A value the schema accepts (as far as JSON Schema says: refinements may still refuse it). */
export function fromSchema(schema: JsonSchema, key = '', defs: Record<string, JsonSchema> = schema.$defs ?? {}): fc.Arbitrary<Value> {
  if (schema.$ref) return fromSchema(defs[String(schema.$ref).split('/').pop()!], key, defs);
  const hint = hinted(key, schema);
  if (hint) return hint;
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: JsonSchema) => fromSchema(s, key, defs)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => fromSchema({ ...schema, type }, key, defs)));
  switch (schema.type) {
    case 'string':
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' });
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 24, 24) });
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e9), max: Math.min(schema.maximum ?? 1e6, 1e9) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(schema.items ?? {}, key, defs), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, 4) });
    case 'object': {
      const properties: Record<string, JsonSchema> = schema.properties ?? {};
      if (Object.keys(properties).length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
      const record = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, fromSchema(s, name, defs)]));
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
  }
  return fc.jsonValue({ maxDepth: 2 });
}

const toJsonSchema = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

const hugeString = fc.constantFrom(
  'x'.repeat(200_000),
  '\u0000'.repeat(1000),
  '😀'.repeat(5000),
  '\ud800',
  '\\u0000',
  '%00',
  '${{}}',
  '<script>',
  "'; DROP TABLE ledger_events; --",
);
const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  hugeString,
  fc.string({ maxLength: 30 }),
);

const badSegment = fc.oneof(
  fc.constantFrom(
    'not-a-uuid',
    '..',
    '%2e%2e',
    '%2F',
    'a%2Fb',
    '%00',
    '%ZZ',
    '%E0%A4%A',
    '%F0%9F%92%A9',
    'x'.repeat(5000),
    '0B6F5C1E-8A0C-4F4E-9D3A-2F1E8C7B6A5D',
    '0b6f5c1e-8a0c-4f4e-9d3a-2f1e8c7b6a5d%20',
    'session-0b6f5c1e-8a0c-4f4e-9d3a-2f1e8c7b6a5d',
    '00000000-0000-0000-0000-000000000000',
    '-1',
    'null',
    '%20',
  ),
  fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);
/** Sent as written (percent-encodings left as they are, invalid ones included). */
const badQueryValue = fc
  .oneof(
    fc.constantFrom('-1', '1.5', '1e3', '', 'abc', '%ZZ', '9'.repeat(400), 'true', 'TRUE', '0', 'null', '[]', '0x10', '%201', '%EF%BC%91'),
    fc.string({ maxLength: 20 }).map(encodeURIComponent),
  )
  .map((raw) => ({ $raw: raw }));
const badContentType = fc.constantFrom(
  null,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/jsonx',
  'application/json, text/plain',
  NDJSON_TYPE,
  '',
);
const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'nul',
    '{"a":1}{"b":2}',
    '\u0000',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    'NaN',
    '"\\ud800"',
    '['.repeat(20_000) + ']'.repeat(20_000),
  ),
  fc.string({ maxLength: 60 }),
);

/** Every route's requests: valid ones from its schemas, and hostile variations of them. */
export function requestArbitrary(routes: Record<string, Route>): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...Object.entries(routes).map(([operationId, route]) => routeRequests(operationId, route)));
}

function routeRequests(operationId: string, route: Route): fc.Arbitrary<FuzzRequest> {
  const paramArbs = Object.fromEntries(Object.entries(route.params ?? {}).map(([name, s]) => [name, fromSchema(toJsonSchema(s), name)]));
  const queryArb = route.query ? (fromSchema(toJsonSchema(route.query)) as fc.Arbitrary<Record<string, Value>>) : fc.constant({});
  const bodySchema = route.body?.schema ? toJsonSchema(route.body.schema) : undefined;
  const bodyArb: fc.Arbitrary<Value> = !route.body
    ? fc.constant(undefined)
    : route.body.contentType === NDJSON_TYPE
      ? fc.array(fromSchema(bodySchema ?? {}), { minLength: 1, maxLength: 3 }).map((lines) => ({ $ndjson: lines }))
      : bodySchema
        ? route.body.required
          ? fromSchema(bodySchema)
          : fc.option(fromSchema(bodySchema), { nil: undefined })
        : fc.constant(undefined);
  const valid: fc.Arbitrary<FuzzRequest> = fc
    .record({
      params: fc.record(paramArbs),
      query: queryArb,
      body: bodyArb,
      token: fc.oneof({ weight: 12, arbitrary: fc.constant<TokenChoice>('full') }, fc.constantFrom<TokenChoice>('none', 'read-only', 'garbage')),
    })
    .map(({ params, query, body, token }) => ({
      operationId,
      kind: 'valid',
      method: route.method,
      params,
      pathSuffix: '',
      pathStyle: 'plain' as const,
      query: Object.entries(query).filter(([, v]) => v !== undefined),
      body: body === undefined ? undefined : { contentType: route.body!.contentType, text: body },
      token,
      headers: {},
    }));
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: fc.tuple(valid, hostileChange(route)).map(([request, change]) => change(request)) });
}

type Change = (request: FuzzRequest) => FuzzRequest;
const named =
  (kind: string, change: Change): Change =>
  (request) => ({ ...change(request), kind });

function hostileChange(route: Route): fc.Arbitrary<Change> {
  const changes: fc.WeightedArbitrary<Change>[] = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<Change>) => changes.push({ weight, arbitrary });
  add(
    2,
    badQueryValue.chain((value) =>
      fc.string({ minLength: 1, maxLength: 12 }).map((key) => named('unknown query parameter', (r) => ({ ...r, query: [...r.query, [encodeURIComponent(key), value]] }))),
    ),
  );
  add(
    2,
    fc.constantFrom<FuzzRequest['pathStyle']>('trailing-slash', 'upper-case', 'double-slash').map((style) => named(`path ${style}`, (r) => ({ ...r, pathStyle: style }))),
  );
  add(
    1,
    fc.constantFrom('/x', '/..', '/%2e%2e/health', '/;', '/%00').map((suffix) => named('odd path segment', (r) => ({ ...r, pathSuffix: suffix }))),
  );
  add(
    1,
    fc.constantFrom('PUT', 'PATCH', 'DELETE', 'POST', 'GET', 'OPTIONS').map((method) => named('other method', (r) => ({ ...r, method }))),
  );
  add(
    2,
    fc
      .constantFrom<Record<string, string>>(
        { origin: 'http://evil.example' },
        { host: 'evil.example' },
        { 'x-actor': '\u00ff'.repeat(300) },
        { 'x-request-id': 'x'.repeat(3000) },
        { traceparent: '00-zz-zz-01' },
        { 'last-event-id': '-5' },
      )
      .map((headers) => named(`header ${Object.keys(headers)[0]}`, (r) => ({ ...r, headers }))),
  );
  if (route.params) {
    const names = Object.keys(route.params);
    add(
      3,
      fc.tuple(fc.constantFrom(...names), badSegment).map(([name, segment]) => named('bad path parameter', (r) => ({ ...r, params: { ...r.params, [name]: { $raw: segment } } }))),
    );
  }
  if (route.query) {
    const keys = Object.keys(route.query.shape);
    add(
      3,
      fc
        .tuple(fc.constantFrom(...keys), badQueryValue, fc.boolean())
        .map(([key, value, twice]) =>
          named('bad query value', (r) => ({ ...r, query: twice ? [...r.query, [key, value], [key, '1']] : [...r.query.filter(([k]) => k !== key), [key, value]] })),
        ),
    );
  }
  if (route.body?.contentType === JSON_TYPE) {
    const bodyChanges: fc.Arbitrary<Change>[] = [
      badContentType.map((type) => named('wrong content type', (r) => ({ ...r, body: { contentType: type, text: r.body?.text ?? { a: 1 } } }))),
      malformedJson.map((text) => named('malformed JSON', (r) => ({ ...r, body: { contentType: JSON_TYPE, text: { $raw: text } } }))),
      fc
        .oneof(fc.constant([]), fc.constant('string'), fc.constant(42), fc.constant(null), fc.constant(true), fc.constant({}))
        .map((body) => named('body of another type', (r) => ({ ...r, body: { contentType: JSON_TYPE, text: body } }))),
      fc.constant(named('empty body', (r) => ({ ...r, body: { contentType: JSON_TYPE, text: { $raw: '' } } }))),
      fc.constant(named('body over the limit', (r) => ({ ...r, body: { contentType: JSON_TYPE, text: { $raw: `{"name":"${'y'.repeat(10_600_000)}"}` } } }))),
      fc
        .tuple(fc.string({ minLength: 1, maxLength: 10 }), wrongValue)
        .map(([key, value]) => named('unknown field', (r) => ({ ...r, body: { contentType: JSON_TYPE, text: { ...asObject(r.body?.text), [key]: value } } }))),
    ];
    const properties = Object.keys((route.body.schema && (toJsonSchema(route.body.schema).properties as object)) ?? {});
    if (properties.length > 0) {
      bodyChanges.push(
        fc
          .tuple(fc.constantFrom(...properties), wrongValue)
          .map(([key, value]) => named('field of the wrong type', (r) => ({ ...r, body: { contentType: JSON_TYPE, text: { ...asObject(r.body?.text), [key]: value } } }))),
        fc.constantFrom(...properties).map((key) =>
          named('field missing', (r) => {
            const { [key]: _dropped, ...rest } = asObject(r.body?.text);
            return { ...r, body: { contentType: JSON_TYPE, text: rest } };
          }),
        ),
      );
    }
    add(8, fc.oneof(...bodyChanges));
  } else if (route.body) {
    add(
      4,
      malformedJson.map((text) => named('malformed NDJSON', (r) => ({ ...r, body: { contentType: route.body!.contentType, text: { $raw: text } } }))),
    );
  } else if (route.method !== 'GET') {
    add(
      1,
      fc
        .oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ $raw: '{' }))
        .map((text) => named('body where none is expected', (r) => ({ ...r, body: { contentType: JSON_TYPE, text } }))),
    );
  }
  return fc.oneof(...changes);
}

const asObject = (value: Value): Record<string, Value> =>
  value && typeof value === 'object' && !Array.isArray(value) && !('$raw' in value) ? (value as Record<string, Value>) : {};
