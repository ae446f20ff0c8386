import { useState } from 'preact/hooks';
import { api, LedgerEvent, query, STREAM_KIND_EVENT_TYPES } from '../api';
import { ErrorNote, FollowBadge, Loading, Section } from '../components/common';
import { LedgerRows } from '../components/ledger-rows';
import { useLoad } from '../hooks';
import { useLedgerFollow } from '../live';
import { navigate } from '../router';

const PAGE_SIZES = [20, 50, 100, 500];
const FOLLOW_KEEP = 500;
const STREAM_KINDS = Object.keys(STREAM_KIND_EVENT_TYPES);
const TYPES: Record<string, string[]> = { '': Object.values(STREAM_KIND_EVENT_TYPES).flat(), ...STREAM_KIND_EVENT_TYPES };

/**
 * The cursor of the last page: from the ledger head when nothing is filtered (positions
 * have no gaps), else by reading to the end, 1,000 at a time.
 */
async function lastPageCursor(limit: number, filters: Record<string, string | undefined>): Promise<number> {
  if (!filters.stream_kind && !filters.type) {
    const head = await api<{ position: number }>('/ledger/head').catch(() => undefined);
    if (head) return Math.max(0, head.position - limit);
  }
  const tail: number[] = [];
  for (let after = 0; ;) {
    const page = await api<LedgerEvent[]>(`/ledger/events${query({ after_position: after, limit: 1000, ...filters })}`);
    const kept = page.filter((e) => (!filters.stream_kind || e.stream_id.startsWith(`${filters.stream_kind}-`)) && (!filters.type || e.type === filters.type));
    tail.push(...kept.map((e) => e.position));
    tail.splice(0, Math.max(0, tail.length - limit));
    if (page.length < 1000) break;
    after = page[page.length - 1].position;
  }
  return tail.length ? tail[0] - 1 : 0;
}

/**
 * The global feed, oldest first, paged by cursor: the URL holds `after` (the position the
 * page starts after), so every page is a link. Following appends what is committed next.
 */
export function Ledger({ params }: { params: URLSearchParams }) {
  const after = Number(params.get('after') ?? 0) || 0;
  const limit = Number(params.get('limit') ?? 50) || 50;
  const filters = { stream_kind: params.get('stream_kind') ?? undefined, type: params.get('type') ?? undefined };
  const following = params.get('follow') === '1';
  const go = (changes: Record<string, string | number | undefined>) => {
    const next = { after, limit, ...filters, follow: following ? '1' : undefined, ...changes };
    navigate(`/ledger${query(next)}`);
  };
  // One more than a page: whether it came tells if this is the last page.
  const path = `/ledger/events${query({ after_position: after, limit: limit + 1, ...filters })}`;
  const loaded = useLoad<{ events: LedgerEvent[]; atEnd: boolean }>(path, async () => {
    const events = await api<LedgerEvent[]>(path);
    return { events: events.slice(0, limit), atEnd: events.length <= limit };
  });
  const page = { data: loaded.data?.events, error: loaded.error };
  const [live, setLive] = useState<LedgerEvent[]>([]);
  const lastOnPage = page.data?.length ? page.data[page.data.length - 1].position : after;
  const atEnd = loaded.data?.atEnd ?? false;
  const followMode = useLedgerFollow(following && atEnd, lastOnPage, filters, (event) => setLive((previous) => [...previous, event].slice(-FOLLOW_KEEP)));

  const last = async (follow = following) => {
    go({ after: await lastPageCursor(limit, filters), follow: follow ? '1' : undefined });
  };

  // The daemon filters; checking again here keeps a daemon that ignores the filters honest.
  const matches = (e: LedgerEvent) => (!filters.stream_kind || e.stream_id.startsWith(`${filters.stream_kind}-`)) && (!filters.type || e.type === filters.type);
  const rows = page.data ? [...page.data, ...live.filter((e) => e.position > lastOnPage)].filter(matches) : [];
  return (
    <Section
      title="Ledger"
      actions={
        <form class="inline" aria-label="ledger filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            stream kind{' '}
            <select
              name="stream_kind"
              value={filters.stream_kind ?? ''}
              onChange={(e) => (setLive([]), go({ stream_kind: e.currentTarget.value || undefined, type: undefined, after: 0 }))}
            >
              <option value="">all</option>
              {STREAM_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind}
                </option>
              ))}
            </select>
          </label>
          <label>
            type{' '}
            <select name="type" value={filters.type ?? ''} onChange={(e) => (setLive([]), go({ type: e.currentTarget.value || undefined, after: 0 }))}>
              <option value="">all</option>
              {(TYPES[filters.stream_kind ?? ''] ?? []).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            per page{' '}
            <select name="limit" value={String(limit)} onChange={(e) => go({ limit: e.currentTarget.value })}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" name="follow" checked={following} onChange={(e) => (setLive([]), e.currentTarget.checked ? last(true) : go({ follow: undefined }))} /> follow
          </label>
          {following && <FollowBadge mode={atEnd ? followMode : 'loading'} />}
        </form>
      }
    >
      {page.error ? (
        <ErrorNote error={page.error} />
      ) : !page.data ? (
        <Loading />
      ) : (
        <>
          <nav class="pager" aria-label="ledger pages">
            <button onClick={() => (setLive([]), go({ after: 0 }))} disabled={after === 0}>
              First
            </button>
            <button
              onClick={() => (setLive([]), go({ after: Math.max(0, after - limit) }))}
              disabled={after === 0}
              title="Positions are gapless; with filters the previous page may hold fewer events"
            >
              Previous
            </button>
            <span class="muted" data-testid="page-range">
              {rows.length ? `positions ${rows[0].position}–${rows[rows.length - 1].position}` : `nothing after position ${after}`}
            </span>
            <button onClick={() => (setLive([]), go({ after: lastOnPage }))} disabled={atEnd}>
              Next
            </button>
            <button onClick={() => (setLive([]), last())}>Last</button>
          </nav>
          {following && !atEnd && <p class="note">Following starts at the last page.</p>}
          {rows.length > 0 ? <LedgerRows events={rows} /> : <p class="muted">No events.</p>}
        </>
      )}
    </Section>
  );
}
