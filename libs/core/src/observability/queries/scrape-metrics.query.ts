import { Query } from '@nestjs/cqrs';

/** The metrics in Prometheus' text format, with the media type to answer it as. */
export interface MetricsScrape {
  contentType: string;
  text: string;
}

export class ScrapeMetricsQuery extends Query<MetricsScrape> {}
