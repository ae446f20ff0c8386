import { createHash } from 'node:crypto';

/** The row as it is hashed: the stored text of every column but the hash itself. */
export interface HashedRow {
  position: number;
  stream_id: string;
  seq: number;
  type: string;
  /** JSON text exactly as stored. */
  data: string;
  /** JSON text exactly as stored. */
  metadata: string;
  recorded_at: string;
}

/** The hash the first row chains from. */
export const GENESIS_HASH = '';

/**
 * The canonical form of a row: a JSON array of its columns in a fixed order, with data and
 * metadata as their stored text. An array, not an object, so no key order is involved.
 */
export function canonicalRow(row: HashedRow): string {
  return JSON.stringify([row.position, row.stream_id, row.seq, row.type, row.data, row.metadata, row.recorded_at]);
}

/** hash = sha256(previous hash + canonical row), hex. */
export function chainHash(previousHash: string, row: HashedRow): string {
  return createHash('sha256').update(previousHash).update(canonicalRow(row)).digest('hex');
}
