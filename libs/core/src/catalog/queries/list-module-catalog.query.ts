import { Query } from '@nestjs/cqrs';
import { ModuleCatalogEntry } from '@vm-system/domain';

export class ListModuleCatalogQuery extends Query<readonly ModuleCatalogEntry[]> {}
