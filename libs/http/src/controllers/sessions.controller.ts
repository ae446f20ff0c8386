import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  CloseSessionCommand,
  CommandMeta,
  CreateSessionCommand,
  ForkSessionCommand,
  GetSessionQuery,
  ListSessionsQuery,
  ResumeSessionCommand,
  SuspendSessionCommand,
} from '@vm-system/core';
import { Session, routes } from '@vm-system/contract';
import { CLOSED_BY_USER } from '@vm-system/projections';
import { Meta } from '../request/command-meta.decorator';
import { parseBody, parseQuery, pathParam } from '../validation/parse-request';

@Controller('sessions')
@RequiredScope('execute')
export class SessionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async create(@Body() body: unknown, @Meta() meta: CommandMeta): Promise<Session> {
    const input = parseBody(routes.createSession, body);
    const sessionId = randomUUID();
    await this.commands.execute(new CreateSessionCommand(sessionId, input.template_id, input.workspace_id, input.base_commit_oid, input.worktree_path, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }

  @Get()
  list(@Query() query: Record<string, unknown>): Promise<Session[]> {
    const { status } = parseQuery(routes.listSessions, query);
    return this.queries.execute(new ListSessionsQuery(status));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<Session> {
    return this.queries.execute(new GetSessionQuery(pathParam(routes.getSession, 'session_id', id)));
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<Session> {
    return this.closeSession(pathParam(routes.closeSession, 'session_id', id), meta);
  }

  @Delete(':id')
  delete(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<Session> {
    return this.closeSession(pathParam(routes.deleteSession, 'session_id', id), meta);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  async suspend(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<Session> {
    const sessionId = pathParam(routes.suspendSession, 'session_id', id);
    await this.commands.execute(new SuspendSessionCommand(sessionId, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }

  @Post(':id/resume')
  @HttpCode(200)
  async resume(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<Session> {
    const sessionId = pathParam(routes.resumeSession, 'session_id', id);
    await this.commands.execute(new ResumeSessionCommand(sessionId, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }

  @Post(':id/fork')
  async fork(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<Session> {
    const parentId = pathParam(routes.forkSession, 'session_id', id);
    const input = parseBody(routes.forkSession, body);
    const sessionId = randomUUID();
    // A null stands for an absent field; the command only knows undefined.
    await this.commands.execute(new ForkSessionCommand(sessionId, parentId, input.at_execution_id ?? undefined, input.worktree_path ?? undefined, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }

  private async closeSession(sessionId: string, meta: CommandMeta): Promise<Session> {
    await this.commands.execute(new CloseSessionCommand(sessionId, CLOSED_BY_USER, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }
}
