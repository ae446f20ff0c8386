import { Scope } from '@vm-system/domain';

/** A token as `GET /tokens` shows it: never the secret, nor its hash. */
export interface TokenView {
  token_id: string;
  name: string;
  scopes: Scope[];
  created_at: string;
  expires_at?: string;
  max_live_sessions?: number;
  revoked_at?: string;
}

/** What the daemon needs to authenticate a request made with a token. */
export interface TokenCredential extends TokenView {
  sha256: string;
}
