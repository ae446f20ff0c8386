import { CreatePostgresLedger1733100000000 } from './1733100000000-create-postgres-ledger';

export const POSTGRES_LEDGER_MIGRATIONS = [CreatePostgresLedger1733100000000];
