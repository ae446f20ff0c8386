import { SCOPES } from '@vm-system/domain';
import { z } from 'zod';
import { Text, Timestamp, Uuid } from './primitives';
import { named } from './registry';

export const Scope = z.enum(SCOPES).meta({ description: 'read: every GET, tails, audit, export; execute: read + sessions and executions; admin: everything.' });
export type Scope = z.infer<typeof Scope>;

/** A token as `GET /tokens` shows it: never the secret, nor its hash. */
export const Token = named(
  'Token',
  z.strictObject({
    token_id: Uuid,
    name: z.string(),
    scopes: z.array(Scope),
    created_at: Timestamp,
    expires_at: Timestamp.optional(),
    max_live_sessions: z.int().min(1).optional(),
    revoked_at: Timestamp.optional(),
  }),
);
export type Token = z.infer<typeof Token>;

/** The answer to `POST /tokens`: the only time the secret is shown. */
export const IssuedToken = named('IssuedToken', Token.extend({ token: z.string().regex(/^vms_[A-Za-z0-9_-]{43}$/) }));
export type IssuedToken = z.infer<typeof IssuedToken>;

export const IssueTokenBody = named(
  'IssueTokenBody',
  z.strictObject({
    name: Text,
    scopes: z.array(Scope).min(1, { error: `must name at least one of ${SCOPES.join(', ')}` }),
    expires_at: z.string().nullish().meta({ description: 'RFC 3339, in the future.', format: 'date-time' }),
    max_live_sessions: z.int().min(1).nullish().meta({ description: 'Sessions this token may hold live at once; a create beyond it is 429 QUOTA_EXCEEDED.' }),
  }),
);
export type IssueTokenBody = z.input<typeof IssueTokenBody>;
