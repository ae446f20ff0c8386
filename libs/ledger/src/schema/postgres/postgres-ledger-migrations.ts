import { CreatePostgresLedger1733100000000 } from './1733100000000-create-postgres-ledger';
import { CreateClusterTables1733100000200 } from './1733100000200-create-cluster-tables';

export const POSTGRES_LEDGER_MIGRATIONS = [CreatePostgresLedger1733100000000, CreateClusterTables1733100000200];
