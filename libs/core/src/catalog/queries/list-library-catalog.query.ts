import { Query } from '@nestjs/cqrs';
import { LibraryCatalogEntry } from '@vm-system/domain';

export type LibraryCatalogView = Omit<LibraryCatalogEntry, 'bundle' | 'bundleGlobal'>;

export class ListLibraryCatalogQuery extends Query<LibraryCatalogView[]> {}
