import { RequiredScope } from '../security/required-scope.decorator';
import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetProjectionStatusQuery, RebuildProjectionsCommand } from '@vm-system/core';
import { ProjectionStatus, RebuildProgress, routes } from '@vm-system/contract';
import type { Response } from 'express';
import { NDJSON } from '../streaming/ndjson';
import { parseQuery } from '../validation/parse-request';

/** Operating the read models. */
@Controller('ops')
export class OpsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('projections')
  projections(): Promise<ProjectionStatus[]> {
    return this.queries.execute(new GetProjectionStatusQuery());
  }

  /**
   * The report as JSON; with progress=true, NDJSON: `{"progress":…}` lines while it runs,
   * then `{"report":…}` (or `{"error":…}` once lines were sent).
   */
  @Post('rebuild-projections')
  @HttpCode(200)
  @RequiredScope('admin')
  async rebuild(@Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    if (!parseQuery(routes.rebuildProjections, query).progress) {
      res.json(await this.commands.execute(new RebuildProjectionsCommand()));
      return;
    }
    const send = (line: unknown) => {
      if (!res.headersSent) res.status(200).type(NDJSON);
      res.write(`${JSON.stringify(line)}\n`);
    };
    try {
      const report = await this.commands.execute(new RebuildProjectionsCommand((p: RebuildProgress) => send({ progress: p })));
      send({ report });
    } catch (error) {
      // Before the first line the error envelope can still travel as a status.
      if (!res.headersSent) throw error;
      send({ error: { code: 'INTERNAL', message: (error as Error).message } });
    }
    res.end();
  }
}
