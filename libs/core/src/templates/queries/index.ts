import { GetTemplateHandler } from './get-template.handler';
import { ListTemplatesHandler } from './list-templates.handler';

export const TemplateQueryHandlers = [ListTemplatesHandler, GetTemplateHandler];

export * from './get-template.query';
export * from './list-templates.query';
