import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@vm-system/domain';
import { TemplateDetailView, TemplatesReadModel } from '@vm-system/projections';
import { GetTemplateQuery } from './get-template.query';

@QueryHandler(GetTemplateQuery)
export class GetTemplateHandler implements IQueryHandler<GetTemplateQuery> {
  constructor(private readonly templates: TemplatesReadModel) {}

  async execute({ templateId }: GetTemplateQuery): Promise<TemplateDetailView> {
    const detail = this.templates.detail(templateId);
    if (!detail) throw new DomainError('TEMPLATE_NOT_FOUND', `Template not found: ${templateId}`, { template_id: templateId });
    return detail;
  }
}
