import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AddModuleCommand, CommandMeta, GetTemplateQuery, RemoveModuleCommand } from '@vm-system/core';
import { Meta } from '../request/command-meta.decorator';
import { NAME_BODY, parseBody } from '../validation/body-schema';
import { requireUuid } from '../validation/params';

@Controller('templates/:id/modules')
@RequiredScope('admin')
export class TemplateModulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async add(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<{ template_id: string; name: string }> {
    const templateId = requireUuid(id, 'template_id');
    const { name } = parseBody<{ name: string }>(body, NAME_BODY);
    await this.commands.execute(new AddModuleCommand(templateId, name, meta));
    return { template_id: templateId, name: name.toLowerCase() };
  }

  @Delete(':name')
  async remove(@Param('id') id: string, @Param('name') name: string, @Meta() meta: CommandMeta): Promise<{ status: string; template_id: string; name: string }> {
    const templateId = requireUuid(id, 'template_id');
    await this.commands.execute(new RemoveModuleCommand(templateId, name, meta));
    return { status: 'ok', template_id: templateId, name: name.toLowerCase() };
  }

  @Get()
  async list(@Param('id') id: string): Promise<string[]> {
    return (await this.queries.execute(new GetTemplateQuery(requireUuid(id, 'template_id')))).template.exposed_modules;
  }
}
