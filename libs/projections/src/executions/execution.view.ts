import { ExecutionKind, ExecutionStatus } from '@vm-system/domain';

export interface ExecutionView {
  id: string;
  session_id: string;
  kind: ExecutionKind;
  input?: string;
  path?: string;
  args: Record<string, unknown>;
  env: Record<string, unknown>;
  status: ExecutionStatus;
  started_at: string;
  ended_at?: string;
  result?: unknown;
  error?: unknown;
  metrics: { wall_ms: number; cpu_ms: number; event_count: number; output_bytes: number };
  /** The text a startup or run_file execution ran: `GET /executions/{id}/source`. */
  source_sha256?: string;
  /** How many outside observations (clock, random, host calls) a replay feeds back. */
  recorded_calls: number;
}

export interface ExecutionEventView {
  execution_id: string;
  seq: number;
  ts: string;
  type: string;
  payload: unknown;
}
