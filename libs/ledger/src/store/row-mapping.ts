import { StoredEvent } from './stored-event';

export interface LedgerRow {
  position: number;
  stream_id: string;
  seq: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

export const LEDGER_COLUMNS = 'position, stream_id, seq, type, data, metadata, recorded_at, hash';

export function toStoredEvent(row: LedgerRow): StoredEvent {
  return { ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
}
