import type { StoredExecutionEvent } from '@vm-system/ledger';
import type { ExecutionRow } from './executions.read-model';

/**
 * The read model's views written as JSON text directly, splicing the JSON columns and the
 * ledger's `data` in as stored instead of parsing them only to serialise them again. Every
 * one of those texts was written by JSON.stringify (appends, projections, and imports, which
 * re-derive them), so JSON.stringify(JSON.parse(text)) === text and the result is, byte for
 * byte, JSON.stringify of the views the read model's objects give (executionView,
 * executionStreamEvents): same keys, same order.
 */
const str = JSON.stringify;

/** JSON.stringify(executionView(row)), without parsing args, env, result and error. */
export function executionViewJson(row: ExecutionRow): string {
  let json =
    `{"id":${str(row.id)},"session_id":${str(row.session_id)},"kind":${str(row.kind)},"args":${row.args},"env":${row.env},"status":${str(row.status)},` +
    `"started_at":${str(row.started_at)},"metrics":{"wall_ms":${str(row.wall_ms)},"cpu_ms":${str(row.cpu_ms)},"event_count":${str(row.event_count)},` +
    `"output_bytes":${str(row.output_bytes)}},"recorded_calls":${str(row.recorded_calls)}`;
  if (row.input !== null) json += `,"input":${str(row.input)}`;
  if (row.path !== null) json += `,"path":${str(row.path)}`;
  if (row.ended_at !== null) json += `,"ended_at":${str(row.ended_at)}`;
  if (row.result !== null) json += `,"result":${row.result}`;
  if (row.error !== null) json += `,"error":${row.error}`;
  if (row.source_sha256 !== null) json += `,"source_sha256":${str(row.source_sha256)}`;
  return `${json}}`;
}

/** JSON.stringify(executionStreamEvents(...)), without parsing each event's data. */
export function executionEventsJson(executionId: string, rows: readonly StoredExecutionEvent[]): string {
  const id = str(executionId);
  let json = '[';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    json += `${i === 0 ? '' : ','}{"execution_id":${id},"seq":${str(r.seq)},"ts":${str(r.recorded_at)},"type":${str(r.type)},"payload":${r.data}}`;
  }
  return `${json}]`;
}
