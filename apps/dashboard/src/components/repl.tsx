import { useState } from 'preact/hooks';
import { api, ApiError, Execution } from '../api';
import { shortId } from '../format';
import { useExecutionFollow } from '../live';
import { Link } from '../router';
import { ErrorNote, FollowBadge, Section, Status } from './common';
import { CancelButton } from './execution-actions';
import { Timeline } from './timeline';

/**
 * Runs code in the session without waiting for it (`wait: false`), then follows the
 * execution's events as they are recorded. A daemon that only runs synchronously
 * (it rejects the `wait` field) gets the code again without it. `onChanged` is called when a
 * run starts (a suspended session is ready again by then) and when it ends.
 */
export function Repl({ sessionId, onChanged }: { sessionId: string; onChanged: () => void }) {
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
      onChanged();
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
          <ReplRun key={executionId} id={executionId} onEnd={onChanged} />
        ))}
      </div>
    </Section>
  );
}

function ReplRun({ id, onEnd }: { id: string; onEnd: () => void }) {
  const followed = useExecutionFollow(id, onEnd);
  const execution = followed.execution;
  return (
    <article class="run" data-execution={id}>
      <header class="run-head">
        <Link href={`/executions/${id}`} class="mono">
          execution {shortId(id)}
        </Link>
        {execution && <Status status={execution.status} />}
        <FollowBadge mode={followed.mode} />
        {/* The follow ends the run when the cancel lands: nothing more to do with the answer. */}
        {execution?.status === 'running' && <CancelButton execution={execution} onCancelled={() => undefined} />}
      </header>
      {followed.error !== undefined && <ErrorNote error={followed.error} />}
      <Timeline events={followed.events} />
    </article>
  );
}
