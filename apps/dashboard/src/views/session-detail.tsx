import { useState } from 'preact/hooks';
import { api, ApiError, Execution, LedgerEvent, query, Session } from '../api';
import { ErrorNote, FollowBadge, KeyValues, Loading, Section, Status } from '../components/common';
import { StreamHistory } from '../components/stream-history';
import { Timeline } from '../components/timeline';
import { dateTime, json, shortId, time } from '../format';
import { useLoad } from '../hooks';
import { useExecutionFollow } from '../live';
import { Link } from '../router';

export function SessionDetail({ id }: { id: string }) {
  const session = useLoad<Session>(`/sessions/${id}`);
  const executions = useLoad<Execution[]>(`/executions${query({ session_id: id, limit: 50 })}`);
  const started = useLoad<LedgerEvent[]>(`/ledger/streams/session-${id}?after_seq=0&limit=1`);
  const refresh = () => {
    session.reload();
    executions.reload();
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
        <Section title="Session" actions={s.status === 'ready' && <CloseButton id={id} onClosed={refresh} />}>
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
      {s.status === 'ready' && <Repl sessionId={id} onFinished={refresh} />}
      <Section title="Executions" actions={<button onClick={executions.reload}>Refresh</button>}>
        {executions.error ? (
          <ErrorNote error={executions.error} />
        ) : !executions.data ? (
          <Loading />
        ) : executions.data.length === 0 ? (
          <p class="muted">No executions yet.</p>
        ) : (
          <ExecutionTable executions={executions.data} />
        )}
      </Section>
      <StreamHistory streamId={`session-${id}`} title="History (ledger stream)" />
    </>
  );
}

export function ExecutionTable({ executions }: { executions: Execution[] }) {
  return (
    <div class="scroll">
      <table data-testid="executions">
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CloseButton({ id, onClosed }: { id: string; onClosed: () => void }) {
  const [error, setError] = useState<unknown>();
  const close = async () => {
    try {
      await api(`/sessions/${id}/close`, { method: 'POST' });
      onClosed();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <button class="danger" onClick={close}>
        Close session
      </button>
      {error !== undefined && <ErrorNote error={error} />}
    </>
  );
}

/**
 * Runs code in the session without waiting for it (`wait: false`), then follows the
 * execution's events as they are recorded. A daemon that only runs synchronously
 * (it rejects the `wait` field) gets the code again without it.
 */
function Repl({ sessionId, onFinished }: { sessionId: string; onFinished: () => void }) {
  const [input, setInput] = useState('');
  const [runs, setRuns] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!input.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      let execution: Execution;
      try {
        execution = await api<Execution>('/executions/repl', { method: 'POST', body: { session_id: sessionId, input, wait: false } });
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'INVALID_REQUEST' && /wait/.test(e.message))) throw e;
        execution = await api<Execution>('/executions/repl', { method: 'POST', body: { session_id: sessionId, input } });
      }
      setRuns((previous) => [execution.id, ...previous].slice(0, 10));
    } catch (e) {
      // A limit crossed is still an execution: show it like the others.
      const executionId = e instanceof ApiError ? (e.details?.execution_id as string | undefined) : undefined;
      if (executionId && e instanceof ApiError && e.code === 'OUTPUT_LIMIT_EXCEEDED') setRuns((previous) => [executionId, ...previous].slice(0, 10));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="REPL" id="repl">
      <form
        class="stack"
        aria-label="repl"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <textarea
          name="input"
          rows={4}
          spellcheck={false}
          value={input}
          placeholder="console.log('hi'); 6 * 7      (Ctrl+Enter runs)"
          onInput={(e) => setInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              run();
            }
          }}
        />
        <div>
          <button type="submit" disabled={busy}>
            Run
          </button>
        </div>
      </form>
      {error !== undefined && <ErrorNote error={error} />}
      <div class="runs">
        {runs.map((executionId) => (
          <ReplRun key={executionId} id={executionId} onEnd={onFinished} />
        ))}
      </div>
    </Section>
  );
}

function ReplRun({ id, onEnd }: { id: string; onEnd: () => void }) {
  const followed = useExecutionFollow(id, onEnd);
  return (
    <article class="run" data-execution={id}>
      <header class="run-head">
        <Link href={`/executions/${id}`} class="mono">
          execution {shortId(id)}
        </Link>
        {followed.execution && <Status status={followed.execution.status} />}
        <FollowBadge mode={followed.mode} />
      </header>
      {followed.error !== undefined && <ErrorNote error={followed.error} />}
      <Timeline events={followed.events} />
    </article>
  );
}
