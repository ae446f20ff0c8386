import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetRuntimeSummaryQuery } from '@vm-system/core';
import { RuntimeSummary } from '@vm-system/contract';

@Controller('runtime')
export class RuntimeController {
  constructor(private readonly queries: QueryBus) {}

  /** What is alive in this daemon's memory, not the database's view. */
  @Get('summary')
  summary(): Promise<RuntimeSummary> {
    return this.queries.execute(new GetRuntimeSummaryQuery());
  }
}
