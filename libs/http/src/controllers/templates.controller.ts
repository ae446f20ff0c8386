import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ChangeTemplateSettingsCommand, CommandMeta, CreateTemplateCommand, DeleteTemplateCommand, GetTemplateQuery, ListTemplatesQuery } from '@vm-system/core';
import { Template, TemplateDeleted, TemplateDetail, TemplateSettings, routes } from '@vm-system/contract';
import { TemplateSettingsPatch } from '@vm-system/domain';
import { Meta } from '../request/command-meta.decorator';
import { parseBody, pathParam } from '../validation/parse-request';

@Controller('templates')
@RequiredScope('admin')
export class TemplatesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async create(@Body() body: unknown, @Meta() meta: CommandMeta): Promise<Template> {
    const { name, engine } = parseBody(routes.createTemplate, body);
    const templateId = randomUUID();
    await this.commands.execute(new CreateTemplateCommand(templateId, name.trim(), engine ?? 'goja', meta));
    return (await this.queries.execute(new GetTemplateQuery(templateId))).template;
  }

  @Get()
  list(): Promise<Template[]> {
    return this.queries.execute(new ListTemplatesQuery());
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<TemplateDetail> {
    return this.queries.execute(new GetTemplateQuery(pathParam(routes.getTemplate, 'template_id', id)));
  }

  @Delete(':id')
  async delete(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<TemplateDeleted> {
    const templateId = pathParam(routes.deleteTemplate, 'template_id', id);
    await this.commands.execute(new DeleteTemplateCommand(templateId, meta));
    return { status: 'ok', template_id: templateId };
  }

  @Patch(':id/settings')
  async changeSettings(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<TemplateSettings> {
    const templateId = pathParam(routes.changeTemplateSettings, 'template_id', id);
    const { limits, resolver, runtime } = parseBody(routes.changeTemplateSettings, body);
    const patch: TemplateSettingsPatch = { ...(limits ? { limits } : {}), ...(resolver ? { resolver } : {}), ...(runtime ? { runtime } : {}) };
    await this.commands.execute(new ChangeTemplateSettingsCommand(templateId, patch, meta));
    return (await this.queries.execute(new GetTemplateQuery(templateId))).settings;
  }
}
