import { Query } from '@nestjs/cqrs';
import { TemplateView } from '@vm-system/projections';

export class ListTemplatesQuery extends Query<TemplateView[]> {}
