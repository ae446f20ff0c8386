import { CreateLedger1733000000000 } from './1733000000000-create-ledger';

export const LEDGER_MIGRATIONS = [CreateLedger1733000000000];
