import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MODULE_CATALOG, ModuleCatalogEntry } from '@vm-system/domain';
import { ListModuleCatalogQuery } from './list-module-catalog.query';

@QueryHandler(ListModuleCatalogQuery)
export class ListModuleCatalogHandler implements IQueryHandler<ListModuleCatalogQuery> {
  async execute(): Promise<readonly ModuleCatalogEntry[]> {
    return MODULE_CATALOG;
  }
}
