import { z } from 'zod';
import { Uuid } from '../primitives';
import { IssueTokenBody, IssuedToken, Token } from '../tokens';
import { json, jsonBody, route } from './route';

export const tokenRoutes = {
  issueToken: route({
    method: 'POST',
    path: '/tokens',
    summary: 'Issue a token; its secret is shown this once',
    scope: 'admin',
    body: jsonBody(IssueTokenBody),
    responses: { 201: json('The token with its secret', IssuedToken) },
    errors: ['VALIDATION_ERROR'],
  }),
  listTokens: route({
    method: 'GET',
    path: '/tokens',
    summary: 'Tokens, without secrets or hashes',
    scope: 'admin',
    responses: { 200: json('Tokens', z.array(Token)) },
    errors: [],
  }),
  revokeToken: route({
    method: 'DELETE',
    path: '/tokens/{token_id}',
    summary: 'Revoke a token (revoking twice changes nothing)',
    scope: 'admin',
    params: { token_id: Uuid },
    responses: { 200: json('The token, revoked', Token) },
    errors: ['VALIDATION_ERROR', 'TOKEN_NOT_FOUND'],
  }),
};
