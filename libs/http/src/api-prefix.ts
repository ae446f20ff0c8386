export const API_PREFIX = 'api/v1';

/** Paths served at the daemon's root, outside API_PREFIX, and still behind the guard and its scopes. */
export const ROOT_ROUTES = ['metrics'] as const;

const ROOT_PATHS = new Set(ROOT_ROUTES.map((route) => `/${route}`));

/** A root route's path, as Express matches it: in any case, with or without a trailing slash (`/Metrics/`). */
export const isRootRoutePath = (path: string): boolean => ROOT_PATHS.has(path.toLowerCase().replace(/\/$/, ''));
