import { Query } from '@nestjs/cqrs';
import { TemplateDetailView } from '@vm-system/projections';

export class GetTemplateQuery extends Query<TemplateDetailView> {
  constructor(readonly templateId: string) {
    super();
  }
}
