import { hash } from 'node:crypto';

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
 * JSON.stringify of a string, remembering the last one: consecutive rows of an append (and
 * of a scan) share their stream, type, metadata and time, and escaping the metadata again
 * for every row of a 100,000-line flood was a sixth of the append's hashing.
 */
function lastQuoted(): (text: string) => string {
  let last: string | undefined;
  let quoted = '';
  return (text) => (text === last ? quoted : ((last = text), (quoted = JSON.stringify(text))));
}

const quoteStream = lastQuoted();
const quoteType = lastQuoted();
const quoteMetadata = lastQuoted();
const quoteTime = lastQuoted();

/**
 * The canonical form of a row: a JSON array of its columns in a fixed order, with data and
 * metadata as their stored text. An array, not an object, so no key order is involved.
 * Built by hand, byte for byte what JSON.stringify of that array gives (positions and seqs
 * are safe integers), so that the shared columns are escaped once per run of rows.
 */
export function canonicalRow(row: HashedRow): string {
  return `[${row.position},${quoteStream(row.stream_id)},${row.seq},${quoteType(row.type)},${JSON.stringify(row.data)},${quoteMetadata(row.metadata)},${quoteTime(row.recorded_at)}]`;
}

/** hash = sha256(previous hash + canonical row), hex. */
export function chainHash(previousHash: string, row: HashedRow): string {
  return hash('sha256', previousHash + canonicalRow(row), 'hex');
}
