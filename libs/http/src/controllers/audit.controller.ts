import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetSessionStoryQuery, GetStateAtQuery, PointInHistory, ReplayReport, ReplaySessionQuery, SessionStory, StateAt } from '@vm-system/core';
import { DomainError } from '@vm-system/domain';
import { RequiredScope } from '../security/required-scope.decorator';
import { cursorParam, requireUuid } from '../validation/params';

const STREAM_OR_ID = /^((template|session)-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** at_position, or at (a timestamp); neither means now (the head). */
function pointParam(atPosition?: string, at?: string): PointInHistory | undefined {
  if (atPosition !== undefined && at !== undefined) throw new DomainError('VALIDATION_ERROR', 'give at_position or at, not both', { field: 'at' });
  if (at !== undefined) {
    const millis = Date.parse(at);
    if (Number.isNaN(millis)) throw new DomainError('VALIDATION_ERROR', 'at must be an ISO 8601 timestamp', { field: 'at' });
    return { timestamp: new Date(millis).toISOString() };
  }
  return atPosition === undefined ? undefined : { position: cursorParam(atPosition, 'at_position') };
}

/** Questions an auditor asks of the history, answered from the ledger itself. */
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('state/:id')
  state(@Param('id') id: string, @Query('at_position') atPosition?: string, @Query('at') at?: string): Promise<StateAt> {
    if (!STREAM_OR_ID.test(id)) throw new DomainError('VALIDATION_ERROR', 'id must be a template or session id (or its stream id)', { field: 'id' });
    return this.queries.execute(new GetStateAtQuery(id.toLowerCase(), pointParam(atPosition, at)));
  }

  @Get('sessions/:id')
  session(@Param('id') id: string): Promise<SessionStory> {
    return this.queries.execute(new GetSessionStoryQuery(requireUuid(id, 'session_id')));
  }

  /** Runs the session's guest code again in a throwaway host, so it needs what running code needs. */
  @Post('sessions/:id/replay')
  @HttpCode(200)
  @RequiredScope('execute')
  async replay(@Param('id') id: string): Promise<ReplayReport> {
    const sessionId = requireUuid(id, 'session_id');
    return this.queries.execute(new ReplaySessionQuery(sessionId));
  }
}
