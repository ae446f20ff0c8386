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
import { DomainError } from '@vm-system/domain';
import { CLOSED_BY_USER, SessionView } from '@vm-system/projections';
import { Meta } from '../request/command-meta.decorator';
import { BodySchema, parseBody } from '../validation/body-schema';
import { requireUuid } from '../validation/params';

const CREATE: BodySchema = {
  template_id: { type: 'string', required: true },
  workspace_id: { type: 'string', required: true },
  base_commit_oid: { type: 'string', required: true },
  worktree_path: { type: 'string', required: true },
};

const FORK: BodySchema = {
  at_execution_id: { type: 'string' },
  worktree_path: { type: 'string' },
};

const STATUSES = ['starting', 'ready', 'suspended', 'crashed', 'closed'];

interface CreateSessionBody {
  template_id: string;
  workspace_id: string;
  base_commit_oid: string;
  worktree_path: string;
}

interface ForkSessionBody {
  at_execution_id?: string | null;
  worktree_path?: string | null;
}

@Controller('sessions')
@RequiredScope('execute')
export class SessionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async create(@Body() body: unknown, @Meta() meta: CommandMeta): Promise<SessionView> {
    const input = parseBody<CreateSessionBody>(body, CREATE);
    const templateId = requireUuid(input.template_id, 'template_id');
    const sessionId = randomUUID();
    await this.commands.execute(new CreateSessionCommand(sessionId, templateId, input.workspace_id, input.base_commit_oid, input.worktree_path, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }

  @Get()
  list(@Query('status') status?: string): Promise<SessionView[]> {
    if (status !== undefined && !STATUSES.includes(status)) {
      throw new DomainError('VALIDATION_ERROR', `status must be one of ${STATUSES.join(', ')}`, { field: 'status' });
    }
    return this.queries.execute(new ListSessionsQuery(status));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<SessionView> {
    return this.queries.execute(new GetSessionQuery(requireUuid(id, 'session_id')));
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<SessionView> {
    return this.closeSession(id, meta);
  }

  @Delete(':id')
  delete(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<SessionView> {
    return this.closeSession(id, meta);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  async suspend(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<SessionView> {
    const sessionId = requireUuid(id, 'session_id');
    await this.commands.execute(new SuspendSessionCommand(sessionId, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }

  @Post(':id/resume')
  @HttpCode(200)
  async resume(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<SessionView> {
    const sessionId = requireUuid(id, 'session_id');
    await this.commands.execute(new ResumeSessionCommand(sessionId, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }

  @Post(':id/fork')
  async fork(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<SessionView> {
    const parentId = requireUuid(id, 'session_id');
    const input = parseBody<ForkSessionBody>(body, FORK);
    // parseBody lets a null stand for an absent field; the command only knows undefined.
    const atExecutionId = input.at_execution_id == null ? undefined : requireUuid(input.at_execution_id, 'at_execution_id');
    const sessionId = randomUUID();
    await this.commands.execute(new ForkSessionCommand(sessionId, parentId, atExecutionId, input.worktree_path ?? undefined, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }

  private async closeSession(id: string, meta: CommandMeta): Promise<SessionView> {
    const sessionId = requireUuid(id, 'session_id');
    await this.commands.execute(new CloseSessionCommand(sessionId, CLOSED_BY_USER, meta));
    return this.queries.execute(new GetSessionQuery(sessionId));
  }
}
