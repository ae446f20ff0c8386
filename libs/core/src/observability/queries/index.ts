import { ScrapeMetricsHandler } from './scrape-metrics.handler';

export const ObservabilityQueryHandlers = [ScrapeMetricsHandler];

export * from './scrape-metrics.query';
