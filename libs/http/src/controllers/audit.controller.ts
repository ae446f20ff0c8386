import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetSessionStoryQuery, GetStateAtQuery, PointInHistory, ReplaySessionQuery, SessionStory } from '@vm-system/core';
import { ReplayReport, StateAt, routes } from '@vm-system/contract';
import { RequiredScope } from '../security/required-scope.decorator';
import { parseQuery, pathParam } from '../validation/parse-request';

/** at_position, or at (a timestamp, normalised to UTC); neither means now (the head). */
function pointIn(query: { at_position?: number; at?: string }): PointInHistory | undefined {
  if (query.at !== undefined) return { timestamp: new Date(Date.parse(query.at)).toISOString() };
  return query.at_position === undefined ? undefined : { position: query.at_position };
}

/** Questions an auditor asks of the history, answered from the ledger itself. */
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('state/:id')
  state(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<StateAt> {
    const streamOrId = pathParam(routes.stateAt, 'id', id);
    return this.queries.execute(new GetStateAtQuery(streamOrId, pointIn(parseQuery(routes.stateAt, query))));
  }

  @Get('sessions/:id')
  session(@Param('id') id: string): Promise<SessionStory> {
    return this.queries.execute(new GetSessionStoryQuery(pathParam(routes.sessionStory, 'session_id', id)));
  }

  /** Runs the session's guest code again in a throwaway host, so it needs what running code needs. */
  @Post('sessions/:id/replay')
  @HttpCode(200)
  @RequiredScope('execute')
  async replay(@Param('id') id: string): Promise<ReplayReport> {
    return this.queries.execute(new ReplaySessionQuery(pathParam(routes.replaySession, 'session_id', id)));
  }
}
