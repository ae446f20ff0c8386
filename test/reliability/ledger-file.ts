import Database from 'better-sqlite3';

export interface LedgerFileReport {
  events: number;
  streams: number;
  /** Sentences naming each broken promise: a position gap, a seq gap, an execution left running. */
  problems: string[];
}

interface Row {
  position: number;
  stream_id: string;
  seq: number;
  type: string;
  data: string;
}

/**
 * Reads a stopped daemon's SQLite file read-only and checks what the ledger promises beyond
 * its hash chain: positions 1..N without a gap, every stream's seq 1..n without a gap, every
 * started execution finished in its session stream, and no execution `running` in the read model.
 */
export function checkLedgerFile(file: string): LedgerFileReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    const lastSeq = new Map<string, number>();
    const started = new Set<string>();
    let expectedPosition = 1;
    let events = 0;
    for (const row of db.prepare('SELECT position, stream_id, seq, type, data FROM ledger_events ORDER BY position').iterate() as Iterable<Row>) {
      events += 1;
      if (row.position !== expectedPosition && problems.length < 20) problems.push(`position ${row.position} follows ${expectedPosition - 1}`);
      expectedPosition = row.position + 1;
      const previous = lastSeq.get(row.stream_id) ?? 0;
      if (row.seq !== previous + 1 && problems.length < 20) problems.push(`${row.stream_id}: seq ${row.seq} follows ${previous}`);
      lastSeq.set(row.stream_id, row.seq);
      if (row.type === 'ExecutionStarted') started.add(JSON.parse(row.data).execution_id);
      if (row.type === 'ExecutionFinished') started.delete(JSON.parse(row.data).execution_id);
    }
    for (const id of [...started].slice(0, 20)) problems.push(`execution ${id} started and never finished in its session stream`);
    const running = db.prepare("SELECT id FROM proj_executions WHERE status = 'running'").all() as { id: string }[];
    for (const { id } of running.slice(0, 20)) problems.push(`execution ${id} is left running in the read model`);
    return { events, streams: lastSeq.size, problems };
  } finally {
    db.close();
  }
}
