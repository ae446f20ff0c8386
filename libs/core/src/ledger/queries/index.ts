import { ReadLedgerEventsHandler } from './read-ledger-events.handler';
import { ReadLedgerStreamHandler } from './read-ledger-stream.handler';

export const LedgerQueryHandlers = [ReadLedgerEventsHandler, ReadLedgerStreamHandler];

export * from './read-ledger-events.query';
export * from './read-ledger-stream.query';
