// The pure half of the hash chain (no SQLite): what a client needs to verify an export.
export * from './ledger-hash';
export * from './chain-verifier';
export * from './ndjson-export';
