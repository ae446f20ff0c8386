import type { HashedRow } from '../chain/ledger-hash';
import { StoredEvent } from './stored-event';

/** A row as stored: the hashed columns (data and metadata as JSON text) and the hash. */
export interface LedgerRow extends HashedRow {
  hash: string;
}

export const LEDGER_COLUMNS = 'position, stream_id, seq, type, data, metadata, recorded_at, hash';

export function toStoredEvent(row: LedgerRow): StoredEvent {
  return { ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
}
