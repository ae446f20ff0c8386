import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AddCapabilityCommand, CommandMeta, GetTemplateQuery } from '@vm-system/core';
import { Capability, routes } from '@vm-system/contract';
import { Meta } from '../request/command-meta.decorator';
import { parseBody, pathParam } from '../validation/parse-request';

@Controller('templates/:id/capabilities')
@RequiredScope('admin')
export class TemplateCapabilitiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async add(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<Capability> {
    const templateId = pathParam(routes.addCapability, 'template_id', id);
    const input = parseBody(routes.addCapability, body);
    const capabilityId = await this.commands.execute(new AddCapabilityCommand(templateId, input.kind, input.name, input.enabled ?? true, input.config ?? {}, meta));
    const { capabilities } = await this.queries.execute(new GetTemplateQuery(templateId));
    return capabilities.find((c) => c.id === capabilityId)!;
  }

  @Get()
  async list(@Param('id') id: string): Promise<Capability[]> {
    return (await this.queries.execute(new GetTemplateQuery(pathParam(routes.listCapabilities, 'template_id', id)))).capabilities;
  }
}
