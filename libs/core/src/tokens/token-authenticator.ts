import { Injectable } from '@nestjs/common';
import { TokensReadModel } from '@vm-system/projections';
import { timingSafeEqual } from 'node:crypto';
import { Principal } from '../shared/command-meta';
import { isTokenSecret, tokenSha256 } from './token-secret';

/**
 * Bearer token → the principal it stands for, or undefined when it is unknown, revoked or
 * expired. The secret is hashed before any lookup, so neither the lookup nor the compare
 * can leak how much of a guessed secret was right.
 */
@Injectable()
export class TokenAuthenticator {
  constructor(private readonly tokens: TokensReadModel) {}

  authenticate(secret: string, now = Date.now()): Principal | undefined {
    if (!isTokenSecret(secret)) return undefined;
    const sha256 = tokenSha256(secret);
    const token = this.tokens.bySha256(sha256);
    if (!token || !timingSafeEqual(Buffer.from(token.sha256, 'hex'), Buffer.from(sha256, 'hex'))) return undefined;
    if (token.revoked_at !== undefined) return undefined;
    if (token.expires_at !== undefined && Date.parse(token.expires_at) <= now) return undefined;
    return { tokenId: token.token_id, name: token.name, scopes: token.scopes, maxLiveSessions: token.max_live_sessions };
  }
}
