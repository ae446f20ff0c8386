import { CreateTemplateProjections1733000000100 } from './schema/1733000000100-create-template-projections';
import { CreateSessionProjections1733000000200 } from './schema/1733000000200-create-session-projections';

export const PROJECTION_MIGRATIONS = [CreateTemplateProjections1733000000100, CreateSessionProjections1733000000200];
