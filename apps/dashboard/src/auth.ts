// The bearer token the dashboard sends, and whether the daemon is asking for one. The token
// lives in sessionStorage: this tab only, kept across reloads, gone when the tab closes.
import { useEffect, useState } from 'preact/hooks';

const KEY = 'vm-system.token';

/** Why the sign-in form shows: no token yet, or the stored one was refused (revoked, expired). */
export type SignInReason = 'required' | 'refused';

export interface AuthState {
  token: string | null;
  signIn: SignInReason | null;
  /** Bumped on sign-in and sign-out, so the page remounts and asks the API again. */
  epoch: number;
}

// Storage may be disabled (privacy settings): the dashboard then asks again on every load.
const stored = (): string | null => {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
};
const store = (token: string | null) => {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Kept in memory only.
  }
};

let state: AuthState = { token: stored(), signIn: null, epoch: 0 };
const listeners = new Set<() => void>();
const update = (changes: Partial<AuthState>) => {
  state = { ...state, ...changes };
  listeners.forEach((listener) => listener());
};

export const currentToken = (): string | null => state.token;

export function signIn(token: string): void {
  store(token);
  update({ token, signIn: null, epoch: state.epoch + 1 });
}

export function signOut(): void {
  store(null);
  update({ token: null, epoch: state.epoch + 1 });
}

/**
 * The API answered 401 to a request sent with `sent` (null: none). If a different token was
 * stored meanwhile, the answer is that token, to send the request again with; otherwise the
 * sign-in form shows, and a token that was just refused is forgotten.
 */
export function unauthenticated(sent: string | null): string | null {
  if (state.token && state.token !== sent) return state.token;
  if (sent && state.token === sent) {
    store(null);
    update({ token: null, signIn: 'refused' });
  } else if (!state.signIn) update({ signIn: 'required' });
  return null;
}

export function useAuth(): AuthState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    const listener = () => setCurrent(state);
    listeners.add(listener);
    listener();
    return () => listeners.delete(listener);
  }, []);
  return current;
}
