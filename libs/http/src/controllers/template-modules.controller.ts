import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AddModuleCommand, CommandMeta, GetTemplateQuery, RemoveModuleCommand } from '@vm-system/core';
import { TemplateModuleOrLibrary, TemplateModuleOrLibraryRemoved, routes } from '@vm-system/contract';
import { Meta } from '../request/command-meta.decorator';
import { parseBody, pathParam } from '../validation/parse-request';

@Controller('templates/:id/modules')
@RequiredScope('admin')
export class TemplateModulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async add(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<TemplateModuleOrLibrary> {
    const templateId = pathParam(routes.addModule, 'template_id', id);
    const { name } = parseBody(routes.addModule, body);
    await this.commands.execute(new AddModuleCommand(templateId, name, meta));
    return { template_id: templateId, name: name.toLowerCase() };
  }

  @Delete(':name')
  async remove(@Param('id') id: string, @Param('name') name: string, @Meta() meta: CommandMeta): Promise<TemplateModuleOrLibraryRemoved> {
    const templateId = pathParam(routes.removeModule, 'template_id', id);
    await this.commands.execute(new RemoveModuleCommand(templateId, name, meta));
    return { status: 'ok', template_id: templateId, name: name.toLowerCase() };
  }

  @Get()
  async list(@Param('id') id: string): Promise<string[]> {
    return (await this.queries.execute(new GetTemplateQuery(pathParam(routes.listModules, 'template_id', id)))).template.exposed_modules;
  }
}
