import { CreateLedger1733000000000 } from './1733000000000-create-ledger';
import { AddLedgerHashChain1733000000300 } from './1733000000300-add-ledger-hash-chain';

export const LEDGER_MIGRATIONS = [CreateLedger1733000000000, AddLedgerHashChain1733000000300];
