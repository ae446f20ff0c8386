import { DomainError } from '../errors/domain-error';
import { SCOPES, isScope } from './scopes';
import { TokenCommand } from './token.commands';
import { TokenEvent } from './token.events';
import { TokenState } from './token.state';

const MAX_NAME_LENGTH = 128;

/** Pure: the events a command causes on a token, or a DomainError. */
export function decideToken(command: TokenCommand, state: TokenState): TokenEvent[] {
  switch (command.type) {
    case 'IssueToken': {
      if (state.status !== 'absent') throw new DomainError('CONCURRENCY_CONFLICT', `Token ${command.tokenId} already exists`);
      validateIssue(command);
      const { tokenId, name, scopes, sha256, expiresAt, maxLiveSessions } = command;
      return [
        {
          type: 'TokenIssued',
          data: {
            token_id: tokenId,
            name: name.trim(),
            scopes: [...new Set(scopes)],
            sha256,
            ...(expiresAt !== undefined ? { expires_at: expiresAt } : {}),
            ...(maxLiveSessions !== undefined ? { max_live_sessions: maxLiveSessions } : {}),
          },
        },
      ];
    }
    case 'RevokeToken':
      if (state.status === 'absent') throw new DomainError('TOKEN_NOT_FOUND', `Token not found: ${command.tokenId}`, { token_id: command.tokenId });
      // Revoking twice changes nothing, as closing a closed session does.
      return state.status === 'revoked' ? [] : [{ type: 'TokenRevoked', data: { token_id: command.tokenId } }];
  }
}

function validateIssue(command: Extract<TokenCommand, { type: 'IssueToken' }>): void {
  const invalid = (field: string, message: string) => new DomainError('VALIDATION_ERROR', message, { field });
  const name = command.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH) throw invalid('name', `Field name must be 1 to ${MAX_NAME_LENGTH} characters`);
  if (command.scopes.length === 0) throw invalid('scopes', `Field scopes must name at least one of ${SCOPES.join(', ')}`);
  const unknown = command.scopes.find((scope) => !isScope(scope));
  if (unknown !== undefined) throw invalid('scopes', `Unknown scope ${JSON.stringify(unknown)} (scopes: ${SCOPES.join(', ')})`);
  if (command.expiresAt !== undefined) {
    const at = Date.parse(command.expiresAt);
    if (!RFC3339.test(command.expiresAt) || Number.isNaN(at)) throw invalid('expires_at', 'Field expires_at must be an RFC 3339 timestamp, e.g. 2027-01-31T00:00:00Z');
    if (at <= Date.parse(command.now)) throw invalid('expires_at', 'Field expires_at must be in the future');
  }
  if (command.maxLiveSessions !== undefined && !(Number.isInteger(command.maxLiveSessions) && command.maxLiveSessions > 0)) {
    throw invalid('max_live_sessions', 'Field max_live_sessions must be a positive integer');
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
