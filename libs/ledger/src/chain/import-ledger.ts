import { DomainError } from '@vm-system/domain';
import { storeCheckpoints } from '../store/checkpoints';
import { InlineProjector } from '../store/inline-projector';
import { toStoredEvent } from '../store/row-mapping';
import { importRejected as reject, parseExportLine as parseLine } from './ndjson-export';
import { SqlExecutor, isConstraintViolation } from '../store/sql-executor';
import { ChainVerifier } from './chain-verifier';

export interface ImportReport {
  events: number;
  head_position: number;
  head_hash: string | null;
}

/**
 * Loads an export into an empty ledger in one transaction: every row's hash is checked
 * against its content and its predecessor before it is written, the read models are
 * projected as the rows go in, and any bad line rolls the whole import back.
 */
export function importLedger(sql: SqlExecutor, projectors: readonly InlineProjector[], lines: Iterable<string>): ImportReport {
  return sql.immediate(() => {
    const present = sql.get<{ position: number | null }>('SELECT MAX(position) AS position FROM ledger_events')?.position ?? 0;
    if (present > 0) throw new DomainError('LEDGER_NOT_EMPTY', `The ledger already holds ${present} events; import only into an empty database`, { head_position: present });
    const verifier = new ChainVerifier();
    let lineNumber = 0;
    for (const text of lines) {
      lineNumber++;
      if (text.trim() === '') continue;
      const row = parseLine(text, lineNumber);
      if (!verifier.check(row)) {
        const { position, reason, expected, found } = verifier.firstBreak!;
        throw reject(lineNumber, `the hash chain breaks at position ${position} (${reason})`, { position, expected, found });
      }
      try {
        sql.run(
          'INSERT INTO ledger_events (position, stream_id, seq, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          row.position,
          row.stream_id,
          row.seq,
          row.type,
          row.data,
          row.metadata,
          row.recorded_at,
          row.hash,
        );
      } catch (error) {
        if (!isConstraintViolation(error)) throw error;
        throw reject(lineNumber, `${row.stream_id} seq ${row.seq} appears twice`, { position: row.position });
      }
      const event = toStoredEvent(row);
      for (const projector of projectors) projector.apply(sql, event);
    }
    storeCheckpoints(
      sql,
      projectors.map((projector) => projector.name),
      verifier.headPosition,
    );
    return { events: verifier.count, head_position: verifier.headPosition, head_hash: verifier.headHash };
  });
}
