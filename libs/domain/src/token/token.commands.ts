import { Scope } from './scopes';

export type TokenCommand =
  | { type: 'IssueToken'; tokenId: string; name: string; scopes: Scope[]; sha256: string; expiresAt?: string; maxLiveSessions?: number; now: string }
  | { type: 'RevokeToken'; tokenId: string };
