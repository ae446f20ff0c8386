import { useState } from 'preact/hooks';
import { Execution, LedgerEvent, query, Session } from '../api';
import { ErrorNote, KeyValues, Loading, Section, Status } from '../components/common';
import { ExecutionTable } from '../components/execution-table';
import { Repl } from '../components/repl';
import { ForkedFrom } from '../components/forked-from';
import { SessionActions } from '../components/session-actions';
import { StreamHistory } from '../components/stream-history';
import { dateTime, json, shortId } from '../format';
import { useLoad } from '../hooks';
import { Link } from '../router';

export function SessionDetail({ id }: { id: string }) {
  const session = useLoad<Session>(`/sessions/${id}`);
  const executions = useLoad<Execution[]>(`/executions${query({ session_id: id, limit: 50 })}`);
  const started = useLoad<LedgerEvent[]>(`/ledger/streams/session-${id}?after_seq=0&limit=1`);
  // The history too: suspends, restores and executions are events on the session's stream.
  const [historyVersion, setHistoryVersion] = useState(0);
  const refresh = () => {
    session.reload();
    executions.reload();
    setHistoryVersion((n) => n + 1);
  };
  if (session.error) return <ErrorNote error={session.error} />;
  if (!session.data) return <Loading />;
  const s = session.data;
  const snapshot = started.data?.[0]?.type === 'SessionStarted' ? started.data[0].data.template : undefined;
  return (
    <>
      <h1 class="title">
        Session <span class="mono">{shortId(s.id)}</span> <Status status={s.status} />
      </h1>
      <div class="grid">
        <Section title="Session" actions={<SessionActions session={s} onChanged={refresh} />}>
          <KeyValues
            rows={[
              ['id', <code>{s.id}</code>],
              ['template', <Link href={`/templates/${s.template_id}`}>{s.template_id}</Link>],
              ['workspace', s.workspace_id],
              ['base commit', <code>{s.base_commit_oid}</code>],
              ['worktree', <code class="wrap">{s.worktree_path}</code>],
              ['created', dateTime(s.created_at)],
              ['ready', dateTime(s.ready_at) || '—'],
              ['closed', dateTime(s.closed_at) || '—'],
              ['restores', s.restores === undefined ? '—' : <span data-testid="restores">{s.restores}</span>],
              ['restored', dateTime(s.restored_at) || '—'],
              ['forked from', s.forked_from ? <ForkedFrom origin={s.forked_from} /> : '—'],
            ]}
          />
          {s.last_error && <p class="note error">{s.last_error}</p>}
        </Section>
        <Section title="Template snapshot">
          {started.error ? (
            <ErrorNote error={started.error} />
          ) : !started.data ? (
            <Loading />
          ) : snapshot ? (
            <>
              <p class="muted">The template's configuration when this session started; later changes do not reach it.</p>
              <KeyValues
                rows={[
                  ['name', snapshot.name ?? '—'],
                  ['modules', (snapshot.modules ?? snapshot.exposed_modules ?? []).join(', ') || '—'],
                  ['libraries', (snapshot.libraries ?? []).join(', ') || '—'],
                  ...Object.entries((snapshot.settings?.limits ?? {}) as Record<string, number>).map(([k, v]) => [k, String(v)] as [string, string]),
                ]}
              />
              <details>
                <summary>whole snapshot</summary>
                <pre class="code" data-testid="snapshot">
                  {json(snapshot)}
                </pre>
              </details>
            </>
          ) : (
            <p class="muted">No SessionStarted event found.</p>
          )}
        </Section>
      </div>
      {/* A run sent to a suspended session resumes it first. */}
      {(s.status === 'ready' || s.status === 'suspended') && <Repl sessionId={id} onChanged={refresh} />}
      <Section title="Executions" actions={<button onClick={executions.reload}>Refresh</button>}>
        {executions.error ? (
          <ErrorNote error={executions.error} />
        ) : !executions.data ? (
          <Loading />
        ) : executions.data.length === 0 ? (
          <p class="muted">No executions yet.</p>
        ) : (
          <ExecutionTable executions={executions.data} onChanged={refresh} />
        )}
      </Section>
      <StreamHistory streamId={`session-${id}`} title="History (ledger stream)" version={historyVersion} />
    </>
  );
}
