import { ExportLedgerHandler } from './export-ledger.handler';
import { FollowLedgerEventsHandler } from './follow-ledger-events.handler';
import { GetLedgerHeadHandler } from './get-ledger-head.handler';
import { GetProjectionStatusHandler } from './get-projection-status.handler';
import { ReadLedgerEventsHandler } from './read-ledger-events.handler';
import { ReadLedgerStreamHandler } from './read-ledger-stream.handler';
import { VerifyLedgerHandler } from './verify-ledger.handler';

export const LedgerQueryHandlers = [
  ReadLedgerEventsHandler,
  ReadLedgerStreamHandler,
  FollowLedgerEventsHandler,
  GetLedgerHeadHandler,
  VerifyLedgerHandler,
  ExportLedgerHandler,
  GetProjectionStatusHandler,
];

export * from './read-ledger-events.query';
export * from './read-ledger-stream.query';
export * from './follow-ledger-events.query';
export * from './get-ledger-head.query';
export * from './verify-ledger.query';
export * from './export-ledger.query';
export * from './get-projection-status.query';
