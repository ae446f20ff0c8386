export interface EventMetadata {
  request_id?: string;
  actor?: string;
  causation?: string;
  schema?: number;
  [key: string]: unknown;
}

/** An event as the caller hands it to append. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** An event as the ledger holds it. */
export interface StoredEvent<Type extends string = string, Data = unknown> {
  position: number;
  stream_id: string;
  seq: number;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  recorded_at: string;
  /** sha256(previous row's hash + this row's canonical form): see chain/ledger-hash. */
  hash: string;
}

export const LEDGER_SCHEMA_VERSION = 1;
