import { EnsureAdminTokenHandler } from './ensure-admin-token.handler';
import { IssueTokenHandler } from './issue-token.handler';
import { RevokeTokenHandler } from './revoke-token.handler';

export const TokenCommandHandlers = [IssueTokenHandler, RevokeTokenHandler, EnsureAdminTokenHandler];

export * from './ensure-admin-token.command';
export * from './issue-token.command';
export * from './revoke-token.command';
