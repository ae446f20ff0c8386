import { CreateTemplateProjections1733000000100 } from './schema/1733000000100-create-template-projections';

export const PROJECTION_MIGRATIONS = [CreateTemplateProjections1733000000100];
