import { RequiredScope } from '../security/required-scope.decorator';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AddCapabilityCommand, CommandMeta, GetTemplateQuery } from '@vm-system/core';
import { CAPABILITY_KINDS, CapabilityKind, DomainError } from '@vm-system/domain';
import { CapabilityView } from '@vm-system/projections';
import { Meta } from '../request/command-meta.decorator';
import { BodySchema, parseBody } from '../validation/body-schema';
import { requireUuid } from '../validation/params';

const ADD: BodySchema = {
  kind: { type: 'string', required: true },
  name: { type: 'string', required: true },
  enabled: { type: 'boolean' },
  config: { type: 'object' },
};

@Controller('templates/:id/capabilities')
@RequiredScope('admin')
export class TemplateCapabilitiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async add(@Param('id') id: string, @Body() body: unknown, @Meta() meta: CommandMeta): Promise<CapabilityView> {
    const templateId = requireUuid(id, 'template_id');
    const input = parseBody<{ kind: string; name: string; enabled?: boolean; config?: Record<string, unknown> }>(body, ADD);
    if (!CAPABILITY_KINDS.includes(input.kind as CapabilityKind)) {
      throw new DomainError('VALIDATION_ERROR', `kind must be one of ${CAPABILITY_KINDS.join(', ')}`, { field: 'kind' });
    }
    const capabilityId = await this.commands.execute(
      new AddCapabilityCommand(templateId, input.kind as CapabilityKind, input.name, input.enabled ?? true, input.config ?? {}, meta),
    );
    const { capabilities } = await this.queries.execute(new GetTemplateQuery(templateId));
    return capabilities.find((c) => c.id === capabilityId)!;
  }

  @Get()
  async list(@Param('id') id: string): Promise<CapabilityView[]> {
    return (await this.queries.execute(new GetTemplateQuery(requireUuid(id, 'template_id')))).capabilities;
  }
}
