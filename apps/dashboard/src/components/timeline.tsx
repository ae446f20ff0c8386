import type { ExecutionEvent } from '../api';
import { time } from '../format';

/** One execution's events as a user reads them: code, console lines, value, exceptions. */
export function Timeline({ events }: { events: ExecutionEvent[] }) {
  if (events.length === 0) return <p class="muted">No events yet.</p>;
  return (
    <ol class="timeline" aria-label="execution events">
      {events.map((event) => (
        <li key={event.seq} class={`ev ev-${event.type}${event.type === 'console' ? ` level-${event.payload.level}` : ''}`} data-seq={event.seq} data-type={event.type}>
          <span class="ev-seq">#{event.seq}</span>
          <time class="ev-ts" dateTime={event.ts}>
            {time(event.ts)}
          </time>
          <span class="ev-type">{label(event)}</span>
          <div class="ev-body">{body(event)}</div>
        </li>
      ))}
    </ol>
  );
}

function label(event: ExecutionEvent): string {
  switch (event.type) {
    case 'console':
      return event.payload.level;
    case 'input_echo':
      return 'input';
    case 'system':
      return `system ${event.payload.level ?? ''}`.trim();
    default:
      return event.type;
  }
}

function body(event: ExecutionEvent) {
  const p = event.payload ?? {};
  switch (event.type) {
    case 'input_echo':
      return <pre class="code">{p.text}</pre>;
    case 'console':
    case 'stdout':
    case 'stderr':
      return <pre class="out">{p.text}</pre>;
    case 'value':
      return (
        <div class="value">
          <span class="value-type">{p.type}</span>
          <pre class="out">{p.preview}</pre>
        </div>
      );
    case 'exception':
      return (
        <div class="exception">
          <pre class="out">{p.message}</pre>
          {p.stack && p.stack !== p.message && (
            <details>
              <summary>stack</summary>
              <pre class="stacktrace">{p.stack}</pre>
            </details>
          )}
        </div>
      );
    case 'system':
      return <pre class="out">{p.message}</pre>;
    default:
      return <pre class="out">{JSON.stringify(p)}</pre>;
  }
}
