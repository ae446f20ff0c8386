import type { LedgerEvent } from '../api';
import { dateTime, json, shortId, time } from '../format';
import { Link } from '../router';
import { eventSummary } from './event-summary';

const PAGES: Record<string, string> = { template: '/templates', session: '/sessions', execution: '/executions' };

/**
 * Where a stream's events are shown in the dashboard: `execution-<id>` → /executions/<id>;
 * undefined for kinds without a page (token, source).
 */
export function streamHref(streamId: string): string | undefined {
  const [kind, ...rest] = streamId.split('-');
  return PAGES[kind] && `${PAGES[kind]}/${rest.join('-')}`;
}

function StreamName({ streamId }: { streamId: string }) {
  const name = `${streamId.split('-')[0]}-${shortId(streamId.slice(streamId.indexOf('-') + 1))}`;
  const href = streamHref(streamId);
  return href ? (
    <Link href={href} class="mono">
      {name}
    </Link>
  ) : (
    <span class="mono">{name}</span>
  );
}

export function LedgerRows({ events, showStream = true }: { events: LedgerEvent[]; showStream?: boolean }) {
  return (
    <div class="scroll">
      <table class="ledger" data-testid="ledger-rows">
        <thead>
          <tr>
            <th class="num">position</th>
            {showStream && <th>stream</th>}
            <th class="num">seq</th>
            <th>type</th>
            <th>recorded</th>
            <th>actor / request</th>
            <th>data</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.position} data-position={e.position}>
              <td class="num">{e.position}</td>
              {showStream && (
                <td>
                  <StreamName streamId={e.stream_id} />
                </td>
              )}
              <td class="num">{e.seq}</td>
              <td>
                <code>{e.type}</code>
              </td>
              <td class="nowrap" title={dateTime(e.recorded_at)}>
                {time(e.recorded_at)}
              </td>
              <td class="muted nowrap">
                {e.metadata.actor ?? '—'}
                {e.metadata.request_id && (
                  <span class="mono small" title={`request ${e.metadata.request_id}`}>
                    {' '}
                    {e.metadata.request_id.slice(0, 8)}
                  </span>
                )}
              </td>
              <td class="data">
                <EventData event={e} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventData({ event }: { event: LedgerEvent }) {
  const summary = eventSummary(event);
  return (
    <details>
      <summary title={summary}>{summary ?? preview(event.data)}</summary>
      {/* A source is code: shown as text, not as one JSON string of escaped lines. */}
      {event.type === 'SourceRecorded' && typeof event.data?.text === 'string' ? (
        <>
          <p class="muted small mono wrap">sha256 {event.data.sha256}</p>
          <pre class="code">{event.data.text}</pre>
        </>
      ) : (
        <pre class="code">{json(event.data)}</pre>
      )}
    </details>
  );
}

function preview(data: unknown): string {
  const text = JSON.stringify(data) ?? '';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
