import { ListTokensHandler } from './list-tokens.handler';

export const TokenQueryHandlers = [ListTokensHandler];

export * from './list-tokens.query';
