import { query, Session, SESSION_STATUSES } from '../api';
import { ErrorNote, Loading, Section, Status } from '../components/common';
import { ago, shortId } from '../format';
import { useLoad } from '../hooks';
import { Link, navigate } from '../router';

export function Sessions({ status }: { status: string }) {
  const sessions = useLoad<Session[]>(`/sessions${query({ status })}`);
  return (
    <Section
      title="Sessions"
      actions={
        <>
          <label>
            status{' '}
            <select name="status" value={status} onChange={(e) => navigate(`/sessions${query({ status: e.currentTarget.value })}`)}>
              <option value="">all</option>
              {SESSION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <button onClick={sessions.reload}>Refresh</button>
        </>
      }
    >
      {sessions.error ? (
        <ErrorNote error={sessions.error} />
      ) : !sessions.data ? (
        <Loading />
      ) : sessions.data.length === 0 ? (
        <p class="muted">No {status || ''} sessions.</p>
      ) : (
        <div class="scroll">
          <table data-testid="sessions">
            <thead>
              <tr>
                <th>session</th>
                <th>status</th>
                <th>template</th>
                <th>workspace</th>
                <th>worktree</th>
                <th>created</th>
                <th class="num" title="times its state was rebuilt from the ledger">
                  restores
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id} data-session={s.id}>
                  <td>
                    <Link href={`/sessions/${s.id}`} class="mono">
                      {shortId(s.id)}
                    </Link>
                    {s.forked_from && (
                      <span class="muted small nowrap">
                        {' '}
                        fork of{' '}
                        <Link href={`/sessions/${s.forked_from.session_id}`} class="mono">
                          {shortId(s.forked_from.session_id)}
                        </Link>
                      </span>
                    )}
                  </td>
                  <td>
                    <Status status={s.status} />
                  </td>
                  <td>
                    <Link href={`/templates/${s.template_id}`} class="mono">
                      {shortId(s.template_id)}
                    </Link>
                  </td>
                  <td>{s.workspace_id}</td>
                  <td class="mono wrap">{s.worktree_path}</td>
                  <td title={s.created_at}>{ago(s.created_at)}</td>
                  <td class="num">{s.restores ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
