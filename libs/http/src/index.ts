export * from './http.module';
export * from './configure-http';
export * from './errors/error-status';
export * from './api-prefix';
export { plainEventsPage } from './hot-routes/events-page-first';
