import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ScrapeMetricsQuery } from '@vm-system/core';

/** Prometheus scrapes `/metrics` at the root; with auth on it needs the read scope, like the API. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  async metrics(@Res() res: Response): Promise<void> {
    const { contentType, text } = await this.queries.execute(new ScrapeMetricsQuery());
    res.setHeader('Content-Type', contentType);
    res.send(text);
  }
}
