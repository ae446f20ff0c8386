import { signOut, useAuth } from './auth';
import { SignIn } from './components/sign-in';
import { Cluster } from './views/cluster';
import { ExecutionView } from './views/execution';
import { Ledger } from './views/ledger';
import { Overview } from './views/overview';
import { SessionDetail } from './views/session-detail';
import { Sessions } from './views/sessions';
import { TemplateDetail } from './views/template-detail';
import { Templates } from './views/templates';
import { Link, match, useLocation } from './router';

const NAV: [string, string][] = [
  ['/', 'Overview'],
  ['/templates', 'Templates'],
  ['/sessions', 'Sessions'],
  ['/ledger', 'Ledger'],
  ['/cluster', 'Cluster'],
];

export function App() {
  const { path, params } = useLocation();
  const auth = useAuth();
  let page;
  let params2: Record<string, string> | null;
  if (path === '/' || path === '') page = <Overview />;
  else if (path === '/templates') page = <Templates />;
  else if ((params2 = match('/templates/:id', path))) page = <TemplateDetail key={params2.id} id={params2.id} />;
  else if (path === '/sessions') page = <Sessions status={params.get('status') ?? ''} />;
  else if ((params2 = match('/sessions/:id', path))) page = <SessionDetail key={params2.id} id={params2.id} />;
  else if ((params2 = match('/executions/:id', path))) page = <ExecutionView key={params2.id} id={params2.id} />;
  else if (path === '/ledger') page = <Ledger params={params} />;
  else if (path === '/cluster') page = <Cluster />;
  else page = <p class="note error">No page at {path}.</p>;

  const section = '/' + path.split('/')[1];
  return (
    <>
      <header class="top">
        <Link href="/" class="brand">
          vm-system
        </Link>
        <nav aria-label="main">
          {NAV.map(([href, label]) => (
            <Link key={href} href={href} aria-current={section === href || (href === '/sessions' && section === '/executions') ? 'page' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        {auth.token && (
          <button class="sign-out" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      {/* A new key on sign-in and sign-out: the page mounts again and asks the API with the new token. */}
      <main key={auth.epoch}>{auth.signIn ? <SignIn reason={auth.signIn} /> : page}</main>
    </>
  );
}
