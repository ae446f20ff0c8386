import { useEffect, useState } from 'preact/hooks';
import { api, LedgerEvent, query } from '../api';
import { ErrorNote, Loading, Section } from './common';
import { LedgerRows } from './ledger-rows';

const PAGE = 50;

/** Requests can cross (a refresh while a page is on its way): each seq is kept once. */
const appended = (previous: LedgerEvent[], page: LedgerEvent[]) => {
  const last = previous.length ? previous[previous.length - 1].seq : 0;
  return [...previous, ...page.filter((e) => e.seq > last)];
};

/**
 * One ledger stream (a template's or a session's history), read page by page by seq. A new
 * `version` says the stream grew: once its end was read, what follows is read too.
 */
export function StreamHistory({ streamId, title, version = 0 }: { streamId: string; title: string; version?: number }) {
  const [events, setEvents] = useState<LedgerEvent[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);

  const more = async (after: number, reset = false) => {
    setLoading(true);
    try {
      const page = await api<LedgerEvent[]>(`/ledger/streams/${streamId}${query({ after_seq: after, limit: PAGE })}`);
      setEvents((previous) => (reset ? page : appended(previous, page)));
      setDone(page.length < PAGE);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  const last = events.length ? events[events.length - 1].seq : 0;
  useEffect(() => {
    more(0, true);
  }, [streamId]);
  useEffect(() => {
    if (version > 0 && done) more(last);
  }, [version]);

  return (
    <Section title={title} actions={<button onClick={() => more(0, true)}>Refresh</button>}>
      {error !== undefined && <ErrorNote error={error} />}
      {events.length > 0 && <LedgerRows events={events} showStream={false} />}
      {loading ? <Loading /> : !done && <button onClick={() => more(last)}>More (after seq {last})</button>}
    </Section>
  );
}
