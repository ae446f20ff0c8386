import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TemplateView, TemplatesReadModel } from '@vm-system/projections';
import { ListTemplatesQuery } from './list-templates.query';

@QueryHandler(ListTemplatesQuery)
export class ListTemplatesHandler implements IQueryHandler<ListTemplatesQuery> {
  constructor(private readonly templates: TemplatesReadModel) {}

  async execute(): Promise<TemplateView[]> {
    return this.templates.list();
  }
}
