import { SessionEvent, recordedCallCount } from '@vm-system/domain';
import { InlineProjector, SqlExecutor, StoredEvent } from '@vm-system/ledger';

/**
 * proj_executions: lifecycle from the session stream (ExecutionStarted/Finished), with how
 * many outside observations were recorded (the tape itself stays in the ledger), event
 * counts and output bytes from each execution's own stream.
 */
export const executionsProjector: InlineProjector = {
  name: 'executions',

  apply(sql: SqlExecutor, stored: StoredEvent): void {
    if (stored.stream_id.startsWith('execution-')) {
      const bytes = Buffer.byteLength(JSON.stringify(stored.data));
      sql.run('UPDATE proj_executions SET event_count = event_count + 1, output_bytes = output_bytes + ? WHERE id = ?', bytes, stored.stream_id.slice('execution-'.length));
      return;
    }
    if (!stored.stream_id.startsWith('session-')) return;
    const event = { type: stored.type, data: stored.data } as SessionEvent;
    if (event.type === 'ExecutionStarted') {
      const d = event.data;
      sql.run(
        `INSERT INTO proj_executions (id, session_id, kind, input, path, args, env, status, started_position, started_at, source_sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
        d.execution_id,
        stored.stream_id.slice('session-'.length),
        d.kind,
        d.input ?? null,
        d.path ?? null,
        JSON.stringify(d.args),
        JSON.stringify(d.env),
        stored.position,
        stored.recorded_at,
        d.source_sha256 ?? null,
      );
    } else if (event.type === 'ExecutionFinished') {
      const d = event.data;
      sql.run(
        'UPDATE proj_executions SET status = ?, ended_at = ?, result = ?, error = ?, wall_ms = ?, cpu_ms = ?, recorded_calls = ? WHERE id = ?',
        d.status,
        stored.recorded_at,
        jsonOrNull(d.result),
        jsonOrNull(d.error),
        d.metrics.wall_ms,
        d.metrics.cpu_ms,
        recordedCallCount(d.recorded_calls),
        d.execution_id,
      );
    }
  },

  // An execution's own events only add to its counts: sum them per execution and write each
  // sum once, after the batch's other events (whose rows they may need) were applied in order.
  applyAll(sql: SqlExecutor, events: readonly StoredEvent[]): void {
    const sums = new Map<string, { count: number; bytes: number }>();
    for (const stored of events) {
      if (!stored.stream_id.startsWith('execution-')) {
        this.apply(sql, stored);
        continue;
      }
      const id = stored.stream_id.slice('execution-'.length);
      const sum = sums.get(id) ?? { count: 0, bytes: 0 };
      sum.count += 1;
      sum.bytes += Buffer.byteLength(JSON.stringify(stored.data));
      sums.set(id, sum);
    }
    for (const [id, { count, bytes }] of sums) {
      sql.run('UPDATE proj_executions SET event_count = event_count + ?, output_bytes = output_bytes + ? WHERE id = ?', count, bytes, id);
    }
  },

  reset(sql: SqlExecutor): void {
    sql.run('DELETE FROM proj_executions');
  },

  snapshot(sql: SqlExecutor): unknown[] {
    return sql.all('SELECT * FROM proj_executions ORDER BY id');
  },
};

const jsonOrNull = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
