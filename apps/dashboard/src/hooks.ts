import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** GETs a path (or runs a loader) whenever `key` changes; `reload()` asks again. */
export function useLoad<T>(key: string | null, loader?: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: key !== null });
  const [round, setRound] = useState(0);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    (loaderRef.current ? loaderRef.current() : api<T>(key)).then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}

/** Calls `tick` every `ms` while the page is shown (a display refresh, not synchronisation). */
export function useInterval(tick: () => void, ms: number | null): void {
  const ref = useRef(tick);
  ref.current = tick;
  useEffect(() => {
    if (ms === null) return;
    const timer = setInterval(() => ref.current(), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

export interface Action {
  run: () => void;
  pending: boolean;
  error?: unknown;
}

/**
 * A request a person starts with a button: `pending` while it is on its way (so it is not
 * sent twice), `error` when the daemon refused it, until it is tried again.
 */
export function useAction<T>(perform: () => Promise<T>, onDone: (result: T) => void): Action {
  const [state, setState] = useState<{ pending: boolean; error?: unknown }>({ pending: false });
  const run = async () => {
    setState({ pending: true });
    try {
      const result = await perform();
      setState({ pending: false });
      onDone(result);
    } catch (error) {
      setState({ pending: false, error });
    }
  };
  return { ...state, run };
}
