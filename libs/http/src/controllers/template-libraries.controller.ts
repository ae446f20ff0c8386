import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AddLibraryCommand, CommandMeta, GetTemplateQuery, RemoveLibraryCommand } from '@vm-system/core';
import { findCatalogLibrary } from '@vm-system/domain';
import { TemplateModuleOrLibrary, TemplateModuleOrLibraryRemoved, routes } from '@vm-system/contract';
import { Meta } from '../request/command-meta.decorator';
import { parseBody, pathParam } from '../validation/parse-request';

/** Answers with the stored form of a library name (`lodash` → `lodash-4.17.21`). */
const storedName = (name: string) => findCatalogLibrary(name)?.id ?? name.toLowerCase();

@Controller('templates/:id/libraries')
@RequiredScope('admin')
export class TemplateLibrariesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async add(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<TemplateModuleOrLibrary> {
    const templateId = pathParam(routes.addLibrary, 'template_id', id);
    const { name } = parseBody(routes.addLibrary, body);
    await this.commands.execute(new AddLibraryCommand(templateId, name, meta));
    return { template_id: templateId, name: storedName(name) };
  }

  @Delete(':name')
  async remove(@Param('id') id: string, @Param('name') name: string, @Meta() meta: CommandMeta): Promise<TemplateModuleOrLibraryRemoved> {
    const templateId = pathParam(routes.removeLibrary, 'template_id', id);
    await this.commands.execute(new RemoveLibraryCommand(templateId, name, meta));
    return { status: 'ok', template_id: templateId, name: storedName(name) };
  }

  @Get()
  async list(@Param('id') id: string): Promise<string[]> {
    return (await this.queries.execute(new GetTemplateQuery(pathParam(routes.listLibraries, 'template_id', id)))).template.libraries;
  }
}
