import { ImportLedgerHandler } from './import-ledger.handler';
import { RebuildProjectionsHandler } from './rebuild-projections.handler';

export const LedgerCommandHandlers = [ImportLedgerHandler, RebuildProjectionsHandler];

export * from './import-ledger.command';
export * from './rebuild-projections.command';
