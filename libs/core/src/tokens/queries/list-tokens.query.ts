import { Query } from '@nestjs/cqrs';
import { TokenView } from '@vm-system/projections';

export class ListTokensQuery extends Query<TokenView[]> {}
