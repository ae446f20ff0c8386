import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ChainVerifier, EventStore, VerifyReport, iterateRows, verifyReport } from '@vm-system/ledger';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { VerifyLedgerQuery } from './verify-ledger.query';

/** Rows checked per event-loop turn: the daemon keeps answering during a long walk. */
const ROWS_PER_TURN = 20_000;

@QueryHandler(VerifyLedgerQuery)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedgerQuery> {
  constructor(private readonly store: EventStore) {}

  async execute(): Promise<VerifyReport> {
    const verifier = new ChainVerifier();
    let sinceYield = 0;
    for (const row of iterateRows(this.store.sql)) {
      if (!verifier.check(row)) break;
      if (++sinceYield === ROWS_PER_TURN) {
        sinceYield = 0;
        await nextTurn();
      }
    }
    return verifyReport(verifier);
  }
}
