import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetRuntimeSummaryQuery, RuntimeSummaryView } from '@vm-system/core';

@Controller('runtime')
export class RuntimeController {
  constructor(private readonly queries: QueryBus) {}

  /** What is alive in this daemon's memory, not the database's view. */
  @Get('summary')
  summary(): Promise<RuntimeSummaryView> {
    return this.queries.execute(new GetRuntimeSummaryQuery());
  }
}
