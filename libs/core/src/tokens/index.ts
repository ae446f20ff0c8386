export * from './commands';
export * from './queries';
export * from './issued-token';
export * from './token-authenticator';
