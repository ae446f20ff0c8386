export * from './http.module';
export * from './configure-http';
export * from './errors/error-status';
export * from './api-prefix';
export { plainEventsPage } from './hot-routes/events-page-first';
export * from './security/guard-options';
export { routeTable, findRoute, Route } from './security/route-table';
export { checkRequest, hostName } from './security/check-request';
export { parseBody, parseQuery, pathParam } from './validation/parse-request';
