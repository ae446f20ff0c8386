import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  CancelExecutionCommand,
  CommandMeta,
  ExecutionFollowItem,
  FollowExecutionEventsQuery,
  GetExecutionJsonQuery,
  GetExecutionQuery,
  GetExecutionSourceQuery,
  ListExecutionEventsQuery,
  ListExecutionsQuery,
  RunFileCommand,
  RunReplCommand,
} from '@vm-system/core';
import { routes } from '@vm-system/contract';
import { ExecutionView } from '@vm-system/projections';
import { Meta } from '../request/command-meta.decorator';
import { parseBody, parseQuery, pathParam } from '../validation/parse-request';
import { SseMessage, resumeCursor, streamServerSentEvents } from '../streaming/server-sent-events';

/** Each event under its seq (the resume point), then the finished execution as `end`. */
async function* asMessages(items: AsyncIterable<ExecutionFollowItem>): AsyncGenerator<SseMessage> {
  for await (const item of items) {
    yield item.kind === 'event' ? { id: item.event.seq, data: item.event } : { event: 'end', data: item.execution };
  }
}

@Controller('executions')
@RequiredScope('execute')
export class ExecutionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Plain requests are answered in front of Express, the same way (hot-routes/repl-first.ts). */
  @Post('repl')
  async repl(@Body() body: unknown, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response): Promise<string> {
    const input = parseBody(routes.runRepl, body);
    const wait = input.wait ?? true;
    const executionId = await this.commands.execute(new RunReplCommand(input.session_id, input.input, meta, wait));
    return this.answer(executionId, wait, res);
  }

  @Post('run-file')
  async runFile(@Body() body: unknown, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response): Promise<string> {
    const input = parseBody(routes.runFile, body);
    const wait = input.wait ?? true;
    const executionId = await this.commands.execute(new RunFileCommand(input.session_id, input.path, input.args ?? {}, input.env ?? {}, meta, wait));
    return this.answer(executionId, wait, res);
  }

  @Get()
  list(@Query() query: Record<string, unknown>): Promise<ExecutionView[]> {
    const { session_id, limit } = parseQuery(routes.listExecutions, query);
    return this.queries.execute(new ListExecutionsQuery(session_id, limit));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<ExecutionView> {
    return this.queries.execute(new GetExecutionQuery(pathParam(routes.getExecution, 'execution_id', id)));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<ExecutionView> {
    const executionId = pathParam(routes.cancelExecution, 'execution_id', id);
    await this.commands.execute(new CancelExecutionCommand(executionId, meta));
    return this.queries.execute(new GetExecutionQuery(executionId));
  }

  /** The exact text the execution ran, as text: it is the input of a replay, not a document. */
  @Get(':id/source')
  async source(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const executionId = pathParam(routes.executionSource, 'execution_id', id);
    const source: string = await this.queries.execute(new GetExecutionSourceQuery(executionId));
    // Set only once there is a source: an error must still leave as the JSON envelope.
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    return source;
  }

  @Get(':id/events')
  async events(@Param('id') id: string, @Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const executionId = pathParam(routes.executionEvents, 'execution_id', id);
    const { after_seq, limit, follow } = parseQuery(routes.executionEvents, query);
    if (!follow) {
      // Plain, valid pages are answered in front of Express (hot-routes/events-page-first.ts).
      res.json(await this.queries.execute(new ListExecutionEventsQuery(executionId, after_seq, limit)));
      return;
    }
    const abort = new AbortController();
    const items = await this.queries.execute(new FollowExecutionEventsQuery(executionId, resumeCursor(req, after_seq), abort.signal));
    await streamServerSentEvents(res, asMessages(items), abort);
  }

  /**
   * A waited-for execution with all its events; a started one (202) as it is now. Sent as the
   * JSON text the query writes (an ExecutionView, with `events` when waited for: the contract's
   * schemas describe it, and the e2e suite parses real answers with them).
   */
  private async answer(executionId: string, wait: boolean, res: Response): Promise<string> {
    const json: string = await this.queries.execute(new GetExecutionJsonQuery(executionId, wait));
    if (!wait) res.status(202);
    // Set only once there is an answer: an error must still leave as the envelope.
    res.type('application/json');
    return json;
  }
}
