import { CreatePostgresProjections1733100000100 } from './schema/postgres/1733100000100-create-postgres-projections';
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

/** PostgreSQL starts at the schema the SQLite migrations above reach. */
export const POSTGRES_PROJECTION_MIGRATIONS = [CreatePostgresProjections1733100000100];
