export interface ModuleCatalogEntry {
  name: string;
  description: string;
  functions: string[];
}

/** Host modules a template may enable; anything else is refused with MODULE_NOT_ALLOWED. */
export const MODULE_CATALOG: readonly ModuleCatalogEntry[] = [
  {
    name: 'database',
    description: 'SQLite through better-sqlite3, one connection per session',
    functions: ['configure', 'query', 'exec', 'close'],
  },
  {
    name: 'exec',
    description: 'Run a program in the worktree without a shell',
    functions: ['run'],
  },
  {
    name: 'fs',
    description: 'Files inside the session worktree',
    functions: ['readFileSync', 'writeFileSync', 'existsSync', 'readdirSync', 'mkdirSync'],
  },
];

/** Globals every session has; naming one as a module is a mistake worth a clear error. */
export const JS_BUILTINS = [
  'json',
  'math',
  'date',
  'console',
  'object',
  'array',
  'string',
  'number',
  'boolean',
  'promise',
  'regexp',
  'map',
  'set',
  'symbol',
  'reflect',
  'proxy',
  'intl',
  'error',
  'bigint',
  'atomics',
  'webassembly',
  'globalthis',
];

export function findCatalogModule(name: string): ModuleCatalogEntry | undefined {
  return MODULE_CATALOG.find((m) => m.name === name.toLowerCase());
}
