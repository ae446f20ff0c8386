/**
 * The execution stream holds exactly what a user sees, in the order it happened, seq
 * from 1. Payloads are the REST contract's.
 */
export type ExecutionEventType = 'input_echo' | 'console' | 'value' | 'exception' | 'system' | 'stdout' | 'stderr';

export const EXECUTION_EVENT_TYPES: readonly ExecutionEventType[] = ['input_echo', 'console', 'value', 'exception', 'system', 'stdout', 'stderr'];

export interface ExecutionEvent {
  type: ExecutionEventType;
  data: Record<string, unknown>;
}

export const executionStreamId = (executionId: string) => `execution-${executionId}`;

export const systemEvent = (level: 'info' | 'warn' | 'error', message: string): ExecutionEvent => ({ type: 'system', data: { level, message } });
