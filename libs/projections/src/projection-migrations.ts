import { CreateTemplateProjections1733000000100 } from './schema/1733000000100-create-template-projections';
import { CreateSessionProjections1733000000200 } from './schema/1733000000200-create-session-projections';
import { CreateTokenProjection1733000000400 } from './schema/1733000000400-create-token-projection';
import { AddDurableSessionColumns1733000000500 } from './schema/1733000000500-add-durable-session-columns';

export const PROJECTION_MIGRATIONS = [
  CreateTemplateProjections1733000000100,
  CreateSessionProjections1733000000200,
  CreateTokenProjection1733000000400,
  AddDurableSessionColumns1733000000500,
];
