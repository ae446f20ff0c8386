import { Query } from '@nestjs/cqrs';
import { VerifyReport } from '@vm-system/ledger';

export class VerifyLedgerQuery extends Query<VerifyReport> {}
