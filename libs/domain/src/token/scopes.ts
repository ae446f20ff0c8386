/** What a token may do; each scope includes the ones before it. */
export const SCOPES = ['read', 'execute', 'admin'] as const;

export type Scope = (typeof SCOPES)[number];

export const isScope = (value: unknown): value is Scope => (SCOPES as readonly unknown[]).includes(value);

/** A token holding any of `granted` may do what `required` allows. */
export const scopeAllows = (granted: readonly Scope[], required: Scope): boolean => granted.some((scope) => SCOPES.indexOf(scope) >= SCOPES.indexOf(required));
