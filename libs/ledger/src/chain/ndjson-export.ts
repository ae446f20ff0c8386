import { DomainError } from '@vm-system/domain';
import type { LedgerRow } from '../store/row-mapping';

/**
 * One row as an export line. data and metadata are spliced in as their stored text, not
 * re-serialised, so the line carries exactly the bytes the hash was computed over.
 */
export function exportLine(row: LedgerRow): string {
  const str = JSON.stringify;
  return (
    `{"position":${row.position},"stream_id":${str(row.stream_id)},"seq":${row.seq},"type":${str(row.type)},` +
    `"data":${row.data},"metadata":${row.metadata},"recorded_at":${str(row.recorded_at)},"hash":${str(row.hash)}}`
  );
}

export const importRejected = (line: number, reason: string, extra: Record<string, unknown> = {}) =>
  new DomainError('IMPORT_REJECTED', `Import rejected at line ${line}: ${reason}`, { line, ...extra });

const isText = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** A line of `audit export` back into a row; the stored text of data and metadata is re-derived. */
export function parseExportLine(text: string, line: number): LedgerRow {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw importRejected(line, `not JSON (${(error as Error).message})`);
  }
  const { position, stream_id, seq, type, data, metadata, recorded_at, hash } = value ?? {};
  if (!isCount(position) || !isText(stream_id) || !isCount(seq) || !isText(type) || !isText(recorded_at) || !isText(hash)) {
    throw importRejected(line, 'a ledger row needs position, stream_id, seq, type, data, metadata, recorded_at and hash');
  }
  if (typeof data !== 'object' || data === null || typeof metadata !== 'object' || metadata === null) {
    throw importRejected(line, 'data and metadata must be objects');
  }
  return { position, stream_id, seq, type, data: JSON.stringify(data), metadata: JSON.stringify(metadata), recorded_at, hash };
}
