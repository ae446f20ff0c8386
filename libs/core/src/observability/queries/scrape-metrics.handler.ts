import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DaemonMetrics } from '../daemon-metrics';
import { MetricsScrape, ScrapeMetricsQuery } from './scrape-metrics.query';

@QueryHandler(ScrapeMetricsQuery)
export class ScrapeMetricsHandler implements IQueryHandler<ScrapeMetricsQuery> {
  constructor(private readonly metrics: DaemonMetrics) {}

  async execute(): Promise<MetricsScrape> {
    return { contentType: this.metrics.contentType, text: await this.metrics.scrape() };
  }
}
