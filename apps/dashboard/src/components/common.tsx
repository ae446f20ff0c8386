import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import type { FollowMode } from '../live';

export function Status({ status }: { status: string }) {
  return (
    <span class={`badge status-${status}`} data-status={status}>
      {status}
    </span>
  );
}

/** What went wrong, in the daemon's words (its error code and message). */
export function ErrorNote({ error, what }: { error: unknown; what?: string }) {
  if (error instanceof ApiError && error.routeMissing) {
    return (
      <p class="note warn" role="status">
        {what ?? 'This'} is not available from this daemon (404 NOT_FOUND: its API has no such route yet).
      </p>
    );
  }
  const scope = error instanceof ApiError && error.code === 'FORBIDDEN' ? error.details?.required_scope : undefined;
  if (typeof scope === 'string') {
    return (
      <p class="note error" role="alert" data-required-scope={scope}>
        {what ? `${what}: ` : ''}
        This token may not do that: it needs the <strong>{scope}</strong> scope (403 FORBIDDEN). Sign out and sign in with a token that has it, e.g. one from{' '}
        <code>vm-system token create --name NAME --scope {scope}</code>.
      </p>
    );
  }
  const text = error instanceof ApiError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
  return (
    <p class="note error" role="alert">
      {what ? `${what}: ` : ''}
      {text}
    </p>
  );
}

export function Loading() {
  return <p class="muted">Loading…</p>;
}

export function Section(props: { title: ComponentChildren; children: ComponentChildren; actions?: ComponentChildren; id?: string }) {
  return (
    <section class="card" id={props.id}>
      <header class="card-head">
        <h2>{props.title}</h2>
        {props.actions && <div class="actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}

const FOLLOW_TEXT: Record<FollowMode, string> = {
  loading: 'loading',
  live: 'following live',
  polling: 'following (polling: this daemon has no live stream)',
  done: 'finished',
  failed: 'stopped: an error',
};

export function FollowBadge({ mode }: { mode: FollowMode }) {
  return (
    <span class={`follow follow-${mode}`} data-follow={mode} role="status">
      {(mode === 'live' || mode === 'polling') && <span class="pulse" aria-hidden="true" />}
      {FOLLOW_TEXT[mode]}
    </span>
  );
}

export function KeyValues({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="kv">
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
