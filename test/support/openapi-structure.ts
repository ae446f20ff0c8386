/**
 * The structural rules of an OpenAPI 3.1 document that a generator can get wrong, checked
 * without a validator (none is installed): the fixed fields, unique operation ids, path
 * templates and their path parameters both ways, response codes, parameters, security
 * requirements against the schemes, and every $ref resolving inside the document.
 * Answers the problems found; none is a well-formed document.
 */
/** What a path item may hold besides its operations (OpenAPI 3.1). */
const PATH_ITEM_FIELDS = new Set(['servers', 'summary', 'description', 'parameters']);

export function openApiProblems(document: any): string[] {
  const problems: string[] = [];
  const problem = (where: string, what: string) => problems.push(`${where}: ${what}`);
  for (const [path, item] of Object.entries<any>(document?.paths ?? {})) {
    if (item.servers !== undefined && !(Array.isArray(item.servers) && item.servers.every((server: any) => typeof server?.url === 'string')))
      problem(path, 'servers must be a list of {url}');
  }
  if (typeof document?.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi)) problem('openapi', 'must be 3.1.x');
  if (typeof document?.info?.title !== 'string' || typeof document?.info?.version !== 'string') problem('info', 'needs title and version strings');
  if (!isObject(document?.paths)) return [...problems, 'paths: missing'];
  const schemes = Object.keys(document.components?.securitySchemes ?? {});
  const tags = new Set((document.tags ?? []).map((t: { name: string }) => t.name));
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries<any>(document.paths)) {
    if (!path.startsWith('/')) problem(path, 'a path must start with /');
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (new Set(templated).size !== templated.length) problem(path, 'a template parameter appears twice');
    for (const [method, operation] of Object.entries<any>(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (PATH_ITEM_FIELDS.has(method)) continue;
      if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method)) {
        problem(where, 'not an HTTP method');
        continue;
      }
      if (typeof operation.operationId !== 'string') problem(where, 'no operationId');
      else if (operationIds.has(operation.operationId)) problem(where, `operationId ${operation.operationId} is used twice`);
      else operationIds.add(operation.operationId);
      const parameters: any[] = operation.parameters ?? [];
      const seen = new Set<string>();
      for (const parameter of parameters) {
        const key = `${parameter.in}:${parameter.name}`;
        if (seen.has(key)) problem(where, `parameter ${key} twice`);
        seen.add(key);
        if (!['query', 'header', 'path', 'cookie'].includes(parameter.in)) problem(where, `parameter ${parameter.name}: bad "in"`);
        if (!isObject(parameter.schema) && !isObject(parameter.content)) problem(where, `parameter ${parameter.name}: no schema`);
        if (parameter.in === 'path' && parameter.required !== true) problem(where, `path parameter ${parameter.name} must be required`);
        if (parameter.in === 'path' && !templated.includes(parameter.name)) problem(where, `path parameter ${parameter.name} is not in the path`);
      }
      for (const name of templated) if (!seen.has(`path:${name}`)) problem(where, `{${name}} has no path parameter`);
      if (operation.requestBody !== undefined && !isObject(operation.requestBody?.content)) problem(where, 'requestBody without content');
      if (!isObject(operation.responses) || Object.keys(operation.responses).length === 0) problem(where, 'no responses');
      for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
        if (!/^([1-5](\d\d|XX)|default)$/.test(status)) problem(where, `response key ${status}`);
        if (typeof response.description !== 'string') problem(where, `response ${status} has no description`);
      }
      for (const requirement of operation.security ?? document.security ?? []) {
        for (const name of Object.keys(requirement)) if (!schemes.includes(name)) problem(where, `security scheme ${name} is not declared`);
      }
      for (const tag of operation.tags ?? []) if (!tags.has(tag)) problem(where, `tag ${tag} is not declared`);
    }
  }
  for (const [pointer, ref] of refsIn(document)) {
    if (!ref.startsWith('#/') || resolvePointer(document, ref) === undefined) problem(pointer, `$ref ${ref} does not resolve`);
  }
  return problems;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function* refsIn(value: unknown, pointer = '#'): Generator<[string, string]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* refsIn(item, `${pointer}/${i}`);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string') yield [pointer, item];
    else yield* refsIn(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

export function resolvePointer(document: unknown, ref: string): unknown {
  let value: any = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(value) && !Array.isArray(value)) return undefined;
    value = (value as any)[key];
  }
  return value;
}
