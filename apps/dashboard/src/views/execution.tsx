import { ErrorNote, FollowBadge, KeyValues, Loading, Section, Status } from '../components/common';
import { CancelButton, ForkButton } from '../components/execution-actions';
import { Timeline } from '../components/timeline';
import { dateTime, json, shortId } from '../format';
import { useExecutionFollow } from '../live';
import { Link } from '../router';

/** One execution: what it ran, how it ended, and its events, followed while it runs. */
export function ExecutionView({ id }: { id: string }) {
  const followed = useExecutionFollow(id);
  const e = followed.execution;
  if (!e && followed.error !== undefined) return <ErrorNote error={followed.error} />;
  if (!e) return <Loading />;
  return (
    <>
      <h1 class="title">
        Execution <span class="mono">{shortId(e.id)}</span> <Status status={e.status} /> <FollowBadge mode={followed.mode} />
      </h1>
      <div class="grid">
        {/* A cancel needs no answer here: the follow shows the execution's end when it arrives. */}
        <Section title="Execution" actions={e.status === 'running' ? <CancelButton execution={e} onCancelled={() => undefined} /> : <ForkButton execution={e} />}>
          <KeyValues
            rows={[
              ['id', <code>{e.id}</code>],
              ['session', <Link href={`/sessions/${e.session_id}`}>{e.session_id}</Link>],
              ['kind', e.kind],
              [e.kind === 'repl' ? 'input' : 'path', <code class="wrap">{e.input ?? e.path}</code>],
              ['started', dateTime(e.started_at)],
              ['ended', dateTime(e.ended_at) || '—'],
            ]}
          />
        </Section>
        <Section title="Outcome">
          <KeyValues
            rows={[
              ['status', <Status status={e.status} />],
              ['wall ms', String(e.metrics.wall_ms)],
              ['cpu ms', String(e.metrics.cpu_ms)],
              ['events', String(e.metrics.event_count)],
              ['output bytes', String(e.metrics.output_bytes)],
            ]}
          />
          {e.result && (
            <p>
              result <code data-testid="result">{e.result.preview}</code>
            </p>
          )}
          {e.error && (
            <details open>
              <summary>error: {e.error.message}</summary>
              <pre class="stacktrace">{e.error.stack ?? json(e.error)}</pre>
            </details>
          )}
        </Section>
      </div>
      <Section title="Events">
        {followed.error !== undefined && <ErrorNote error={followed.error} />}
        <Timeline events={followed.events} />
      </Section>
    </>
  );
}
