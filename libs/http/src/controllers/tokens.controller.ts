import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandMeta, IssueTokenCommand, ListTokensQuery, RevokeTokenCommand } from '@vm-system/core';
import { IssuedToken, Token, routes } from '@vm-system/contract';
import { Meta } from '../request/command-meta.decorator';
import { RequiredScope } from '../security/required-scope.decorator';
import { parseBody, pathParam } from '../validation/parse-request';

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
    const input = parseBody(routes.issueToken, body);
    return this.commands.execute(new IssueTokenCommand(input.name, input.scopes, meta, input.expires_at ?? undefined, input.max_live_sessions ?? undefined));
  }

  @Get()
  @RequiredScope('admin')
  list(): Promise<Token[]> {
    return this.queries.execute(new ListTokensQuery());
  }

  @Delete(':id')
  @HttpCode(200)
  revoke(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<Token> {
    return this.commands.execute(new RevokeTokenCommand(pathParam(routes.revokeToken, 'token_id', id), meta));
  }
}
