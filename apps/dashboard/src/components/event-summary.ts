import type { LedgerEvent } from '../api';
import { shortId } from '../format';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One line a person reads, for the events whose JSON hides what matters (why a session was
 * suspended or restored, how an execution ended, which source was recorded); undefined for
 * the others, which are shown as their JSON.
 */
export function eventSummary(event: LedgerEvent): string | undefined {
  const d = event.data ?? {};
  switch (event.type) {
    case 'SessionStarted':
      if (!d.forked_from) return undefined;
      return `forked from session ${shortId(d.forked_from.session_id)}${d.forked_from.execution_id ? `, after execution ${shortId(d.forked_from.execution_id)}` : ''}`;
    case 'ExecutionFinished':
      return `execution ${shortId(d.execution_id)} ${d.status}${d.replayable === false ? ' (not replayed on restore)' : ''}${d.error?.message ? `: ${d.error.message}` : ''}`;
    case 'SessionSuspended':
      return `suspended (${d.reason}): no host holds it, its state is in the ledger`;
    case 'SessionRestored':
      return `restored (${d.reason}): ${plural(d.replayed ?? 0, 'execution')} replayed, ${(d.skipped ?? []).length} skipped, ${d.restore_ms} ms`;
    case 'SessionRestoreFailed':
      return `restore failed (${d.reason})${d.execution_id ? ` at execution ${shortId(d.execution_id)}` : ''}: ${d.error}`;
    case 'SourceRecorded':
      return `source ${shortId(d.sha256 ?? '')}…, ${plural(new TextEncoder().encode(d.text ?? '').length, 'byte')}`;
    default:
      return undefined;
  }
}
