import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LIBRARY_CATALOG } from '@vm-system/domain';
import { LibraryCatalogView, ListLibraryCatalogQuery } from './list-library-catalog.query';

@QueryHandler(ListLibraryCatalogQuery)
export class ListLibraryCatalogHandler implements IQueryHandler<ListLibraryCatalogQuery> {
  async execute(): Promise<LibraryCatalogView[]> {
    return LIBRARY_CATALOG.map(({ id, name, version, global, description }) => ({ id, name, version, global, description }));
  }
}
