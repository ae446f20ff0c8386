import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandMeta, IssueTokenCommand, IssuedToken, ListTokensQuery, RevokeTokenCommand } from '@vm-system/core';
import { Scope } from '@vm-system/domain';
import { TokenView } from '@vm-system/projections';
import { Meta } from '../request/command-meta.decorator';
import { RequiredScope } from '../security/required-scope.decorator';
import { BodySchema, parseBody } from '../validation/body-schema';
import { requireUuid } from '../validation/params';

const ISSUE: BodySchema = {
  name: { type: 'string', required: true },
  scopes: { type: 'string[]', required: true },
  expires_at: { type: 'string' },
  max_live_sessions: { type: 'integer' },
};

interface IssueTokenBody {
  name: string;
  scopes: Scope[];
  expires_at?: string;
  max_live_sessions?: number;
}

/** Tokens are the keys to the daemon: only an admin token lists, issues or revokes them. */
@Controller('tokens')
@RequiredScope('admin')
export class TokensController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  issue(@Body() body: unknown, @Meta() meta: CommandMeta): Promise<IssuedToken> {
    const input = parseBody<IssueTokenBody>(body, ISSUE);
    return this.commands.execute(new IssueTokenCommand(input.name, input.scopes, meta, input.expires_at, input.max_live_sessions));
  }

  @Get()
  @RequiredScope('admin')
  list(): Promise<TokenView[]> {
    return this.queries.execute(new ListTokensQuery());
  }

  @Delete(':id')
  @HttpCode(200)
  revoke(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<TokenView> {
    return this.commands.execute(new RevokeTokenCommand(requireUuid(id, 'token_id'), meta));
  }
}
