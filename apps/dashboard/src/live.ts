// Following what is still happening: an execution's events and the ledger's tail, over the
// daemon's Server-Sent Events (`follow=true`, read by sse.ts). A daemon without those routes
// answers JSON instead of an event stream; the dashboard then polls the paged routes and says so.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, Execution, ExecutionEvent, LedgerEvent, query } from './api';
import { tail } from './sse';

export type FollowMode = 'loading' | 'live' | 'polling' | 'done' | 'failed';

const POLL_MS = 500;
const PAGE = 1000;

export interface FollowedExecution {
  execution?: Execution;
  events: ExecutionEvent[];
  mode: FollowMode;
  error?: unknown;
}

async function readEvents(id: string, afterSeq: number): Promise<ExecutionEvent[]> {
  const all: ExecutionEvent[] = [];
  for (let after = afterSeq; ;) {
    const page = await api<ExecutionEvent[]>(`/executions/${id}/events${query({ after_seq: after, limit: PAGE })}`);
    all.push(...page);
    if (page.length < PAGE) return all;
    after = page[page.length - 1].seq;
  }
}

/** An execution and its events, kept current while it runs. */
export function useExecutionFollow(id: string, onEnd?: (execution: Execution) => void): FollowedExecution {
  const [state, setState] = useState<FollowedExecution>({ events: [], mode: 'loading' });
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  useEffect(() => {
    let stopped = false;
    let stopTail: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastSeq = 0;
    let events: ExecutionEvent[] = [];
    const add = (more: ExecutionEvent[]) => {
      const fresh = more.filter((event) => event.seq > lastSeq);
      if (fresh.length === 0) return;
      events = [...events, ...fresh];
      lastSeq = events[events.length - 1].seq;
      setState((previous) => ({ ...previous, events }));
    };
    const finish = (execution: Execution) => {
      setState((previous) => ({ ...previous, execution, mode: 'done' }));
      onEndRef.current?.(execution);
    };
    const fail = (error: unknown) => !stopped && setState((previous) => ({ ...previous, error, mode: 'failed' }));

    const poll = async () => {
      try {
        const execution = await api<Execution>(`/executions/${id}`);
        add(await readEvents(id, lastSeq));
        if (stopped) return;
        if (execution.status !== 'running') return finish(execution);
        setState((previous) => ({ ...previous, execution }));
        timer = setTimeout(poll, POLL_MS);
      } catch (error) {
        fail(error);
      }
    };

    const follow = () => {
      setState((previous) => ({ ...previous, mode: 'live' }));
      stopTail = tail(`/executions/${id}/events${query({ after_seq: lastSeq, follow: true })}`, {
        onMessage: (message) => {
          if (message.event === 'end') {
            finish(JSON.parse(message.data));
            return true;
          }
          if (message.event === 'message') add([JSON.parse(message.data)]);
        },
        onNoStream: () => {
          setState((previous) => ({ ...previous, mode: 'polling' }));
          poll();
        },
        onError: fail,
      });
    };

    (async () => {
      try {
        const execution = await api<Execution>(`/executions/${id}`);
        add(await readEvents(id, 0));
        if (stopped) return;
        if (execution.status === 'running') {
          setState((previous) => ({ ...previous, execution }));
          follow();
        } else finish(execution);
      } catch (error) {
        fail(error);
      }
    })();

    return () => {
      stopped = true;
      stopTail?.();
      clearTimeout(timer);
    };
  }, [id]);

  return state;
}

/**
 * New ledger events past `afterPosition` as they are committed, for as long as `enabled`.
 * `onEvent` gets each one; the answer says how the tail is followed.
 */
export function useLedgerFollow(enabled: boolean, afterPosition: number, filters: Record<string, string | undefined>, onEvent: (event: LedgerEvent) => void): FollowMode {
  const [mode, setMode] = useState<FollowMode>('loading');
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const filterKey = JSON.stringify(filters);

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let last = afterPosition;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deliver = (event: LedgerEvent) => {
      if (event.position <= last) return;
      last = event.position;
      onEventRef.current(event);
    };
    const poll = async () => {
      try {
        const page = await api<LedgerEvent[]>(`/ledger/events${query({ after_position: last, limit: 100, ...filters })}`);
        if (stopped) return;
        page.forEach(deliver);
        timer = setTimeout(poll, page.length === 100 ? 0 : POLL_MS * 2);
      } catch {
        if (!stopped) setMode('failed');
      }
    };
    setMode('live');
    const stopTail = tail(`/ledger/events${query({ after_position: last, ...filters, follow: true })}`, {
      onMessage: (message) => {
        if (message.event === 'message') deliver(JSON.parse(message.data));
      },
      onNoStream: () => {
        setMode('polling');
        poll();
      },
      onError: () => setMode('failed'),
    });
    return () => {
      stopped = true;
      stopTail();
      clearTimeout(timer);
    };
    // `filters` is read through filterKey: a new object with the same filters is no change.
  }, [enabled, afterPosition, filterKey]);

  return enabled ? mode : 'done';
}
