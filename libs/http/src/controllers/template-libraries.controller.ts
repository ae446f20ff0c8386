import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AddLibraryCommand, CommandMeta, GetTemplateQuery, RemoveLibraryCommand } from '@vm-system/core';
import { findCatalogLibrary } from '@vm-system/domain';
import { Meta } from '../request/command-meta.decorator';
import { NAME_BODY, parseBody } from '../validation/body-schema';
import { requireUuid } from '../validation/params';

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
  async add(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<{ template_id: string; name: string }> {
    const templateId = requireUuid(id, 'template_id');
    const { name } = parseBody<{ name: string }>(body, NAME_BODY);
    await this.commands.execute(new AddLibraryCommand(templateId, name, meta));
    return { template_id: templateId, name: storedName(name) };
  }

  @Delete(':name')
  async remove(@Param('id') id: string, @Param('name') name: string, @Meta() meta: CommandMeta): Promise<{ status: string; template_id: string; name: string }> {
    const templateId = requireUuid(id, 'template_id');
    await this.commands.execute(new RemoveLibraryCommand(templateId, name, meta));
    return { status: 'ok', template_id: templateId, name: storedName(name) };
  }

  @Get()
  async list(@Param('id') id: string): Promise<string[]> {
    return (await this.queries.execute(new GetTemplateQuery(requireUuid(id, 'template_id')))).template.libraries;
  }
}
