import type { Execution } from '../api';
import { shortId, time } from '../format';
import { Link } from '../router';
import { Status } from './common';
import { CancelButton, ForkButton } from './execution-actions';

/**
 * A session's executions. A running one can be cancelled; a finished one is a point the
 * session can be forked from (a running one has no state after it yet).
 */
export function ExecutionTable({ executions, onChanged }: { executions: Execution[]; onChanged: () => void }) {
  return (
    <div class="scroll">
      <table class="executions" data-testid="executions">
        <thead>
          <tr>
            <th>execution</th>
            <th>kind</th>
            <th>status</th>
            <th>input / path</th>
            <th>result / error</th>
            <th>started</th>
            <th class="num">wall ms</th>
            <th class="num">events</th>
            <th>actions</th>
          </tr>
        </thead>
        <tbody>
          {executions.map((e) => (
            <tr key={e.id} data-execution={e.id}>
              <td>
                <Link href={`/executions/${e.id}`} class="mono">
                  {shortId(e.id)}
                </Link>
              </td>
              <td>{e.kind}</td>
              <td>
                <Status status={e.status} />
              </td>
              <td>
                <code class="clip">{e.input ?? e.path}</code>
              </td>
              <td>
                <code class="clip">{e.result?.preview ?? e.error?.message ?? ''}</code>
              </td>
              <td>{time(e.started_at)}</td>
              <td class="num">{e.metrics.wall_ms}</td>
              <td class="num">{e.metrics.event_count}</td>
              <td>{e.status === 'running' ? <CancelButton execution={e} onCancelled={onChanged} /> : <ForkButton execution={e} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
