import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { LibraryCatalogView, ListLibraryCatalogQuery, ListModuleCatalogQuery } from '@vm-system/core';
import { ModuleCatalogEntry } from '@vm-system/domain';

@Controller('catalog')
export class CatalogController {
  constructor(private readonly queries: QueryBus) {}

  @Get('modules')
  modules(): Promise<readonly ModuleCatalogEntry[]> {
    return this.queries.execute(new ListModuleCatalogQuery());
  }

  @Get('libraries')
  libraries(): Promise<LibraryCatalogView[]> {
    return this.queries.execute(new ListLibraryCatalogQuery());
  }
}
