import { useState } from 'preact/hooks';
import { signIn, SignInReason } from '../auth';

/** Asks for an access token when the API answered 401; shown in place of the page. */
export function SignIn({ reason }: { reason: SignInReason }) {
  const [token, setToken] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    // A pasted header value works too.
    const value = token.trim().replace(/^Bearer\s+/i, '');
    if (value) signIn(value);
  };
  return (
    <section class="card sign-in" data-testid="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" class="title">
        Sign in
      </h1>
      {reason === 'refused' ? (
        <p class="note error" role="alert">
          The daemon refused the token (unknown, expired or revoked). Enter another one.
        </p>
      ) : (
        <p class="note" role="status">
          This daemon requires an access token.
        </p>
      )}
      <p>
        Create one on the daemon's machine with <code>vm-system token create --name NAME --scope read</code> (<code>--scope execute</code> to run code as well), or use the admin
        token the daemon printed on its first start (<code>admin token: vms_…</code>).
      </p>
      <form class="stack" aria-label="sign in" onSubmit={submit}>
        <label>
          access token
          <input
            type="password"
            name="token"
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
            placeholder="vms_…"
            autocomplete="off"
            spellcheck={false}
            required
            autoFocus
          />
        </label>
        <div>
          <button type="submit">Sign in</button>
        </div>
      </form>
      <p class="muted small">It is kept in this tab only (sessionStorage) and is gone when the tab closes. It is sent in a header, never in a URL.</p>
    </section>
  );
}
