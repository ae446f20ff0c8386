import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AddStartupFileCommand, CommandMeta, GetTemplateQuery } from '@vm-system/core';
import { DomainError } from '@vm-system/domain';
import { StartupFileView } from '@vm-system/projections';
import { Meta } from '../request/command-meta.decorator';
import { BodySchema, parseBody } from '../validation/body-schema';
import { requireUuid } from '../validation/params';

const ADD: BodySchema = { path: { type: 'string', required: true }, order_index: { type: 'integer' }, mode: { type: 'string' } };

@Controller('templates/:id/startup-files')
@RequiredScope('admin')
export class TemplateStartupFilesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async add(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<StartupFileView> {
    const templateId = requireUuid(id, 'template_id');
    const input = parseBody<{ path: string; order_index?: number; mode?: string }>(body, ADD);
    if (input.order_index !== undefined && input.order_index < 0) {
      throw new DomainError('VALIDATION_ERROR', 'order_index must be a non-negative integer', { field: 'order_index' });
    }
    const startupFileId = await this.commands.execute(new AddStartupFileCommand(templateId, input.path, input.order_index ?? 0, input.mode ?? 'eval', meta));
    const { startup_files } = await this.queries.execute(new GetTemplateQuery(templateId));
    return startup_files.find((f) => f.id === startupFileId)!;
  }

  @Get()
  async list(@Param('id') id: string): Promise<StartupFileView[]> {
    return (await this.queries.execute(new GetTemplateQuery(requireUuid(id, 'template_id')))).startup_files;
  }
}
