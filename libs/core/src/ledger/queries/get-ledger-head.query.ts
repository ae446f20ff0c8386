import { Query } from '@nestjs/cqrs';
import { LedgerHead } from '@vm-system/ledger';

export class GetLedgerHeadQuery extends Query<LedgerHead> {}
