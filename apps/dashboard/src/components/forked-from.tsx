import type { Session } from '../api';
import { shortId } from '../format';
import { Link } from '../router';

/** The session a fork was made from, and the execution its history stops after. */
export function ForkedFrom({ origin }: { origin: NonNullable<Session['forked_from']> }) {
  return (
    <span data-testid="forked-from">
      <Link href={`/sessions/${origin.session_id}`} class="mono">
        session {shortId(origin.session_id)}
      </Link>
      {origin.execution_id && (
        <>
          {', after '}
          <Link href={`/executions/${origin.execution_id}`} class="mono">
            execution {shortId(origin.execution_id)}
          </Link>
        </>
      )}
    </span>
  );
}
