import { api, Execution, EXECUTION_STATUSES, LedgerHead, ProjectionStatus, query, Session, SESSION_STATUSES, Template } from '../api';
import { ErrorNote, Loading, Section, Status } from '../components/common';
import { ago } from '../format';
import { useInterval, useLoad } from '../hooks';
import { Link } from '../router';

const HOUR_MS = 3_600_000;
const REFRESH_MS = 5_000;

/**
 * Executions that started in the last hour, by status. The API lists executions per
 * session, so this asks for the sessions that can have one (not closed before the hour).
 */
async function executionsLastHour(sessions: Session[]): Promise<Record<string, number>> {
  const since = Date.now() - HOUR_MS;
  const counts: Record<string, number> = Object.fromEntries(EXECUTION_STATUSES.map((s) => [s, 0]));
  const candidates = sessions.filter((s) => !s.closed_at || Date.parse(s.closed_at) >= since);
  const lists = await Promise.all(candidates.map((s) => api<Execution[]>(`/executions${query({ session_id: s.id, limit: 1000 })}`)));
  for (const execution of lists.flat()) {
    if (Date.parse(execution.started_at) >= since) counts[execution.status] = (counts[execution.status] ?? 0) + 1;
  }
  return counts;
}

export function Overview() {
  const templates = useLoad<Template[]>('/templates');
  const sessions = useLoad<Session[]>('/sessions');
  const executions = useLoad<Record<string, number>>(sessions.data ? `executions:${sessions.data.length}:${sessions.data.map((s) => s.status).join()}` : null, () =>
    executionsLastHour(sessions.data ?? []),
  );
  const head = useLoad<LedgerHead>('/ledger/head');
  const projections = useLoad<ProjectionStatus[]>('/ops/projections');
  useInterval(() => {
    templates.reload();
    sessions.reload();
    executions.reload();
    head.reload();
    projections.reload();
  }, REFRESH_MS);

  const sessionCounts = Object.fromEntries(SESSION_STATUSES.map((s) => [s, sessions.data?.filter((x) => x.status === s).length ?? 0]));

  return (
    <div class="grid">
      <Section title="Templates" actions={<Link href="/templates">all templates</Link>}>
        {templates.error ? (
          <ErrorNote error={templates.error} />
        ) : !templates.data ? (
          <Loading />
        ) : (
          <>
            <p class="big" data-testid="template-count">
              {templates.data.length}
            </p>
            <ul class="plain">
              {templates.data.slice(0, 5).map((t) => (
                <li key={t.id}>
                  <Link href={`/templates/${t.id}`}>{t.name}</Link> <span class="muted">{ago(t.created_at)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section title="Sessions by status" actions={<Link href="/sessions">all sessions</Link>}>
        {sessions.error ? (
          <ErrorNote error={sessions.error} />
        ) : !sessions.data ? (
          <Loading />
        ) : (
          <ul class="counts" data-testid="session-counts">
            {SESSION_STATUSES.map((s) => (
              <li key={s}>
                <Link href={`/sessions?status=${s}`}>
                  <Status status={s} /> <strong data-count={s}>{sessionCounts[s]}</strong>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Executions, last hour">
        {executions.error ? (
          <ErrorNote error={executions.error} />
        ) : !executions.data ? (
          <Loading />
        ) : (
          <ul class="counts" data-testid="execution-counts">
            {EXECUTION_STATUSES.map((s) => (
              <li key={s}>
                <Status status={s} /> <strong data-count={s}>{executions.data![s]}</strong>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Ledger head" actions={<Link href="/ledger">ledger</Link>}>
        {head.error ? (
          <ErrorNote error={head.error} what="The ledger head" />
        ) : !head.data ? (
          <Loading />
        ) : (
          <>
            <p class="big" data-testid="ledger-head">
              {head.data.position}
            </p>
            <p class="muted mono wrap" title="hash of the last event">
              {head.data.hash ?? 'empty ledger'}
            </p>
            {head.data.recorded_at && <p class="muted">{ago(head.data.recorded_at)}</p>}
          </>
        )}
      </Section>

      <Section title="Projections">
        {projections.error ? (
          <ErrorNote error={projections.error} what="Projection checkpoints" />
        ) : !projections.data ? (
          <Loading />
        ) : (
          <div class="scroll">
            <table data-testid="projections">
              <thead>
                <tr>
                  <th>projection</th>
                  <th class="num">checkpoint</th>
                  <th class="num">lag (events)</th>
                  <th class="num">lag (s)</th>
                </tr>
              </thead>
              <tbody>
                {projections.data.map((p) => (
                  <tr key={p.name} class={p.lag_events > 0 ? 'lagging' : ''}>
                    <td>{p.name}</td>
                    <td class="num">{p.checkpoint}</td>
                    <td class="num">{p.lag_events}</td>
                    <td class="num">{p.lag_seconds}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
