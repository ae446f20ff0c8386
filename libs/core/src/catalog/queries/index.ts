import { ListLibraryCatalogHandler } from './list-library-catalog.handler';
import { ListModuleCatalogHandler } from './list-module-catalog.handler';

export const CatalogQueryHandlers = [ListModuleCatalogHandler, ListLibraryCatalogHandler];

export * from './list-library-catalog.query';
export * from './list-module-catalog.query';
