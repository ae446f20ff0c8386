import { SqlExecutor, executionStreamEvents, executionStreamRows } from '@vm-system/ledger';
import { executionEventsJson, executionViewJson } from './execution-json';
import { ExecutionEventView, ExecutionView } from './execution.view';

export interface ExecutionRow {
  id: string;
  session_id: string;
  kind: ExecutionView['kind'];
  input: string | null;
  path: string | null;
  args: string;
  env: string;
  status: ExecutionView['status'];
  started_at: string;
  ended_at: string | null;
  result: string | null;
  error: string | null;
  wall_ms: number;
  cpu_ms: number;
  event_count: number;
  output_bytes: number;
  source_sha256: string | null;
  recorded_calls: number;
}

/** A row of proj_executions as its view. */
export function executionView(row: ExecutionRow): ExecutionView {
  const view: ExecutionView = {
    id: row.id,
    session_id: row.session_id,
    kind: row.kind,
    args: JSON.parse(row.args),
    env: JSON.parse(row.env),
    status: row.status,
    started_at: row.started_at,
    metrics: { wall_ms: row.wall_ms, cpu_ms: row.cpu_ms, event_count: row.event_count, output_bytes: row.output_bytes },
    recorded_calls: row.recorded_calls,
  };
  if (row.input !== null) view.input = row.input;
  if (row.path !== null) view.path = row.path;
  if (row.ended_at !== null) view.ended_at = row.ended_at;
  if (row.result !== null) view.result = JSON.parse(row.result);
  if (row.error !== null) view.error = JSON.parse(row.error);
  if (row.source_sha256 !== null) view.source_sha256 = row.source_sha256;
  return view;
}

export class ExecutionsReadModel {
  constructor(private readonly sql: SqlExecutor) {}

  listForSession(sessionId: string, limit: number): ExecutionView[] {
    return this.sql.all<ExecutionRow>('SELECT * FROM proj_executions WHERE session_id = ? ORDER BY started_position DESC LIMIT ?', sessionId, limit).map(executionView);
  }

  find(id: string): ExecutionView | undefined {
    const row = this.sql.get<ExecutionRow>('SELECT * FROM proj_executions WHERE id = ?', id);
    return row && executionView(row);
  }

  /** JSON.stringify(find(id)), written from the row's stored JSON without parsing it. */
  findJson(id: string): string | undefined {
    const row = this.sql.get<ExecutionRow>('SELECT * FROM proj_executions WHERE id = ?', id);
    return row && executionViewJson(row);
  }

  /** The kind of an execution, whichever daemon process started it. */
  kindOf(id: string): ExecutionView['kind'] | undefined {
    return this.sql.get<{ kind: ExecutionView['kind'] }>('SELECT kind FROM proj_executions WHERE id = ?', id)?.kind;
  }

  exists(id: string): boolean {
    return this.sql.get('SELECT 1 AS one FROM proj_executions WHERE id = ?', id) !== undefined;
  }

  /** Executions a previous daemon process left running. */
  running(): { id: string; session_id: string }[] {
    return this.sql.all("SELECT id, session_id FROM proj_executions WHERE status = 'running'");
  }

  /** The execution's events straight from its ledger stream: no copy is kept. */
  events(executionId: string, afterSeq: number, limit: number): ExecutionEventView[] {
    return executionStreamEvents(this.sql, executionId, afterSeq, limit);
  }

  /** JSON.stringify(events(...)), with each event's data spliced in as stored; and how many there are. */
  eventsJson(executionId: string, afterSeq: number, limit: number): { json: string; count: number } {
    const rows = executionStreamRows(this.sql, executionId, afterSeq, limit);
    return { json: executionEventsJson(executionId, rows), count: rows.length };
  }
}
