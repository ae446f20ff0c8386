import { useEffect, useState } from 'preact/hooks';
import { api, LedgerEvent, query } from '../api';
import { ErrorNote, Loading, Section } from './common';
import { LedgerRows } from './ledger-rows';

const PAGE = 50;

/** One ledger stream (a template's or a session's history), read page by page by seq. */
export function StreamHistory({ streamId, title }: { streamId: string; title: string }) {
  const [events, setEvents] = useState<LedgerEvent[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);

  const more = async (after: number, reset = false) => {
    setLoading(true);
    try {
      const page = await api<LedgerEvent[]>(`/ledger/streams/${streamId}${query({ after_seq: after, limit: PAGE })}`);
      setEvents((previous) => (reset ? page : [...previous, ...page]));
      setDone(page.length < PAGE);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    more(0, true);
  }, [streamId]);

  const last = events.length ? events[events.length - 1].seq : 0;
  return (
    <Section title={title} actions={<button onClick={() => more(0, true)}>Refresh</button>}>
      {error !== undefined && <ErrorNote error={error} />}
      {events.length > 0 && <LedgerRows events={events} showStream={false} />}
      {loading ? <Loading /> : !done && <button onClick={() => more(last)}>More (after seq {last})</button>}
    </Section>
  );
}
