export const API_PREFIX = 'api/v1';

/** Paths served at the daemon's root, outside API_PREFIX, and still behind the guard and its scopes. */
export const ROOT_ROUTES = ['metrics'] as const;
