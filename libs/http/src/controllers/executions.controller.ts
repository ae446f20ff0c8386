import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandMeta, GetExecutionQuery, ListExecutionEventsQuery, ListExecutionsQuery, RunFileCommand, RunReplCommand } from '@vm-system/core';
import { DomainError } from '@vm-system/domain';
import { ExecutionEventView, ExecutionView } from '@vm-system/projections';
import { Meta } from '../request/command-meta.decorator';
import { BodySchema, parseBody } from '../validation/body-schema';
import { cursorParam, limitParam, requireUuid } from '../validation/params';

const REPL: BodySchema = { session_id: { type: 'string', required: true }, input: { type: 'string', required: true } };
const RUN_FILE: BodySchema = {
  session_id: { type: 'string', required: true },
  path: { type: 'string', required: true },
  args: { type: 'object' },
  env: { type: 'object' },
};

/** Enough for every event an execution can record under any sane max_events. */
const ALL_EVENTS = 1_000_000;

type ExecutionWithEvents = ExecutionView & { events: ExecutionEventView[] };

@Controller('executions')
export class ExecutionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('repl')
  async repl(@Body() body: unknown, @Meta() meta: CommandMeta): Promise<ExecutionWithEvents> {
    const input = parseBody<{ session_id: string; input: string }>(body, REPL);
    const executionId = await this.commands.execute(new RunReplCommand(requireUuid(input.session_id, 'session_id'), input.input, meta));
    return this.withEvents(executionId);
  }

  @Post('run-file')
  async runFile(@Body() body: unknown, @Meta() meta: CommandMeta): Promise<ExecutionWithEvents> {
    const input = parseBody<{ session_id: string; path: string; args?: Record<string, unknown>; env?: Record<string, unknown> }>(body, RUN_FILE);
    const sessionId = requireUuid(input.session_id, 'session_id');
    const executionId = await this.commands.execute(new RunFileCommand(sessionId, input.path, input.args ?? {}, input.env ?? {}, meta));
    return this.withEvents(executionId);
  }

  @Get()
  list(@Query('session_id') sessionId?: string, @Query('limit') limit?: string): Promise<ExecutionView[]> {
    if (!sessionId) throw new DomainError('VALIDATION_ERROR', 'session_id is required', { field: 'session_id' });
    return this.queries.execute(new ListExecutionsQuery(requireUuid(sessionId, 'session_id'), limitParam(limit, 50)));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<ExecutionView> {
    return this.queries.execute(new GetExecutionQuery(requireUuid(id, 'execution_id')));
  }

  @Get(':id/events')
  events(@Param('id') id: string, @Query('after_seq') afterSeq?: string, @Query('limit') limit?: string): Promise<ExecutionEventView[]> {
    return this.queries.execute(new ListExecutionEventsQuery(requireUuid(id, 'execution_id'), cursorParam(afterSeq, 'after_seq'), limitParam(limit, 1000, 10000)));
  }

  private async withEvents(executionId: string): Promise<ExecutionWithEvents> {
    const execution = await this.queries.execute(new GetExecutionQuery(executionId));
    const events = await this.queries.execute(new ListExecutionEventsQuery(executionId, 0, ALL_EVENTS));
    return { ...execution, events };
  }
}
