import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AddStartupFileCommand, CommandMeta, GetTemplateQuery } from '@vm-system/core';
import { StartupFile, routes } from '@vm-system/contract';
import { Meta } from '../request/command-meta.decorator';
import { parseBody, pathParam } from '../validation/parse-request';

@Controller('templates/:id/startup-files')
@RequiredScope('admin')
export class TemplateStartupFilesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async add(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<StartupFile> {
    const templateId = pathParam(routes.addStartupFile, 'template_id', id);
    const input = parseBody(routes.addStartupFile, body);
    const startupFileId = await this.commands.execute(new AddStartupFileCommand(templateId, input.path, input.order_index ?? 0, input.mode ?? 'eval', meta));
    const { startup_files } = await this.queries.execute(new GetTemplateQuery(templateId));
    return startup_files.find((f) => f.id === startupFileId)!;
  }

  @Get()
  async list(@Param('id') id: string): Promise<StartupFile[]> {
    return (await this.queries.execute(new GetTemplateQuery(pathParam(routes.listStartupFiles, 'template_id', id)))).startup_files;
  }
}
