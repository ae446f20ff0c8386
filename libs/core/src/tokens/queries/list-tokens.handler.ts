import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TokenView, TokensReadModel } from '@vm-system/projections';
import { ListTokensQuery } from './list-tokens.query';

@QueryHandler(ListTokensQuery)
export class ListTokensHandler implements IQueryHandler<ListTokensQuery> {
  constructor(private readonly tokens: TokensReadModel) {}

  async execute(): Promise<TokenView[]> {
    return this.tokens.list();
  }
}
