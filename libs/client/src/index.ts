export * from './api-error';
export * from './api-types';
export * from './http-transport';
export * from './vm-system-client';
