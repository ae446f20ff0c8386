import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Scope, TokenCommand, TokenEvent, scopeAllows, tokenDecider } from '@vm-system/domain';
import { deciderSpec } from '../support/decider-spec';

const spec = deciderSpec(tokenDecider);
const now = '2026-12-05T12:00:00.000Z';
const issue: Extract<TokenCommand, { type: 'IssueToken' }> = { type: 'IssueToken', tokenId: 't1', name: ' ci ', scopes: ['read', 'read'], sha256: 'ab', now };
const issued: TokenEvent = { type: 'TokenIssued', data: { token_id: 't1', name: 'ci', scopes: ['read'], sha256: 'ab' } };

describe('token decider', () => {
  test('issuing records the hash, a trimmed name and each scope once', () => {
    spec([])
      .when({ ...issue, scopes: ['read', 'read'] })
      .then([issued]);
    spec([])
      .when({ ...issue, expiresAt: '2027-01-01T00:00:00Z', maxLiveSessions: 2 })
      .then([{ type: 'TokenIssued', data: { ...issued.data, expires_at: '2027-01-01T00:00:00Z', max_live_sessions: 2 } } as TokenEvent]);
    spec([issued]).when(issue).thenFails('CONCURRENCY_CONFLICT');
  });

  test('bad fields are VALIDATION_ERROR', () => {
    spec([])
      .when({ ...issue, name: '  ' })
      .thenFails('VALIDATION_ERROR');
    spec([])
      .when({ ...issue, scopes: [] })
      .thenFails('VALIDATION_ERROR');
    spec([])
      .when({ ...issue, scopes: ['root' as Scope] })
      .thenFails('VALIDATION_ERROR');
    spec([])
      .when({ ...issue, expiresAt: 'tomorrow' })
      .thenFails('VALIDATION_ERROR');
    spec([])
      .when({ ...issue, expiresAt: '2026-12-05T11:59:59Z' })
      .thenFails('VALIDATION_ERROR');
    spec([])
      .when({ ...issue, maxLiveSessions: 0 })
      .thenFails('VALIDATION_ERROR');
    spec([])
      .when({ ...issue, maxLiveSessions: 1.5 })
      .thenFails('VALIDATION_ERROR');
  });

  test('revoking: once recorded, twice nothing, unknown TOKEN_NOT_FOUND', () => {
    spec([issued])
      .when({ type: 'RevokeToken', tokenId: 't1' })
      .then([{ type: 'TokenRevoked', data: { token_id: 't1' } }]);
    spec([issued, { type: 'TokenRevoked', data: { token_id: 't1' } }])
      .when({ type: 'RevokeToken', tokenId: 't1' })
      .then([]);
    spec([]).when({ type: 'RevokeToken', tokenId: 't1' }).thenFails('TOKEN_NOT_FOUND');
  });

  test('each scope includes the ones before it', () => {
    assert.equal(scopeAllows(['admin'], 'read'), true);
    assert.equal(scopeAllows(['execute'], 'execute'), true);
    assert.equal(scopeAllows(['execute'], 'admin'), false);
    assert.equal(scopeAllows(['read'], 'execute'), false);
    assert.equal(scopeAllows(['read', 'admin'], 'admin'), true);
  });
});
