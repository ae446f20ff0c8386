import { Scope } from './scopes';

/**
 * Facts about an API token. Only the secret's sha256 is ever recorded: the ledger is
 * exported and audited, and a token in it would be a credential for whoever reads it.
 */
export type TokenEvent =
  | {
      type: 'TokenIssued';
      data: { token_id: string; name: string; scopes: Scope[]; sha256: string; expires_at?: string; max_live_sessions?: number };
    }
  | { type: 'TokenRevoked'; data: { token_id: string } };

export type TokenEventType = TokenEvent['type'];
