import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  ChangeTemplateSettingsCommand,
  CommandMeta,
  CreateTemplateCommand,
  DeleteTemplateCommand,
  GetTemplateQuery,
  ListTemplatesQuery,
} from '@vm-system/core';
import { TemplateSettingsPatch } from '@vm-system/domain';
import { TemplateDetailView, TemplateView } from '@vm-system/projections';
import { Meta } from '../request/command-meta.decorator';
import { BodySchema, parseBody } from '../validation/body-schema';
import { requireUuid } from '../validation/params';

const CREATE: BodySchema = { name: { type: 'string', required: true }, engine: { type: 'string' } };
const SETTINGS: BodySchema = {
  limits: {
    type: 'nested',
    fields: { cpu_ms: { type: 'integer' }, wall_ms: { type: 'integer' }, mem_mb: { type: 'integer' }, max_events: { type: 'integer' }, max_output_kb: { type: 'integer' } },
  },
  resolver: { type: 'nested', fields: { roots: { type: 'string[]' }, extensions: { type: 'string[]' }, allow_absolute_repo_imports: { type: 'boolean' } } },
  runtime: { type: 'nested', fields: { esm: { type: 'boolean' }, strict: { type: 'boolean' }, console: { type: 'boolean' }, max_recorded_calls: { type: 'integer' }, max_replay_ms: { type: 'integer' } } },
};

@Controller('templates')
@RequiredScope('admin')
export class TemplatesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async create(@Body() body: unknown, @Meta() meta: CommandMeta): Promise<TemplateView> {
    const { name, engine } = parseBody<{ name: string; engine?: string }>(body, CREATE);
    const templateId = randomUUID();
    await this.commands.execute(new CreateTemplateCommand(templateId, name.trim(), engine ?? 'goja', meta));
    return (await this.queries.execute(new GetTemplateQuery(templateId))).template;
  }

  @Get()
  list(): Promise<TemplateView[]> {
    return this.queries.execute(new ListTemplatesQuery());
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<TemplateDetailView> {
    return this.queries.execute(new GetTemplateQuery(requireUuid(id, 'template_id')));
  }

  @Delete(':id')
  async delete(@Param('id') id: string, @Meta() meta: CommandMeta): Promise<{ status: string; template_id: string }> {
    const templateId = requireUuid(id, 'template_id');
    await this.commands.execute(new DeleteTemplateCommand(templateId, meta));
    return { status: 'ok', template_id: templateId };
  }

  @Patch(':id/settings')
  async changeSettings(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<TemplateDetailView['settings']> {
    const templateId = requireUuid(id, 'template_id');
    const patch = parseBody<TemplateSettingsPatch>(body, SETTINGS);
    await this.commands.execute(new ChangeTemplateSettingsCommand(templateId, patch, meta));
    return (await this.queries.execute(new GetTemplateQuery(templateId))).settings;
  }
}
