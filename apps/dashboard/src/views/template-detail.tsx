import { useState } from 'preact/hooks';
import { api, Session, TemplateDetail as Detail } from '../api';
import { ErrorNote, KeyValues, Loading, Section } from '../components/common';
import { StreamHistory } from '../components/stream-history';
import { dateTime, json } from '../format';
import { useLoad } from '../hooks';
import { navigate } from '../router';

interface CatalogModule {
  name: string;
  description: string;
}
interface CatalogLibrary {
  id: string;
  name: string;
  description: string;
}

export function TemplateDetail({ id }: { id: string }) {
  const detail = useLoad<Detail>(`/templates/${id}`);
  if (detail.error) return <ErrorNote error={detail.error} />;
  if (!detail.data) return <Loading />;
  const { template, settings, capabilities, startup_files } = detail.data;
  return (
    <>
      <h1 class="title">
        Template <span data-testid="template-name">{template.name}</span>
      </h1>
      <div class="grid">
        <Section title="Template">
          <KeyValues
            rows={[
              ['id', <code>{template.id}</code>],
              ['engine', template.engine],
              ['created', dateTime(template.created_at)],
              ['updated', dateTime(template.updated_at)],
            ]}
          />
        </Section>
        <Section title="Settings">
          <KeyValues rows={Object.entries(settings.limits).map(([k, v]) => [k, String(v)])} />
          <details>
            <summary>resolver and runtime</summary>
            <pre class="code">{json({ resolver: settings.resolver, runtime: settings.runtime })}</pre>
          </details>
        </Section>
        <Section title="Modules and libraries">
          <h3>Modules</h3>
          <p data-testid="modules">{template.exposed_modules.join(', ') || <span class="muted">none</span>}</p>
          <AddFromCatalog templateId={id} kind="modules" onAdded={detail.reload} />
          <h3>Libraries</h3>
          <p data-testid="libraries">{template.libraries.join(', ') || <span class="muted">none</span>}</p>
          <AddFromCatalog templateId={id} kind="libraries" onAdded={detail.reload} />
        </Section>
        <Section title="Startup files">
          {startup_files.length === 0 ? (
            <p class="muted">none</p>
          ) : (
            <ol class="plain">
              {startup_files.map((f) => (
                <li key={f.id}>
                  <code>{f.path}</code>{' '}
                  <span class="muted">
                    order {f.order_index}, {f.mode}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Section>
        <Section title="Capabilities">
          {capabilities.length === 0 ? (
            <p class="muted">none</p>
          ) : (
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>kind</th>
                    <th>name</th>
                    <th>enabled</th>
                    <th>config</th>
                  </tr>
                </thead>
                <tbody>
                  {capabilities.map((c) => (
                    <tr key={c.id}>
                      <td>{c.kind}</td>
                      <td>{c.name}</td>
                      <td>{c.enabled ? 'yes' : 'no'}</td>
                      <td>
                        <code>{JSON.stringify(c.config)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>
        <NewSession templateId={id} />
      </div>
      <StreamHistory key={template.updated_at} streamId={`template-${id}`} title="History (ledger stream)" />
    </>
  );
}

function AddFromCatalog({ templateId, kind, onAdded }: { templateId: string; kind: 'modules' | 'libraries'; onAdded: () => void }) {
  const catalog = useLoad<(CatalogModule | CatalogLibrary)[]>(`/catalog/${kind}`);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api(`/templates/${templateId}/${kind}`, { method: 'POST', body: { name: choice } });
      onAdded();
    } catch (e) {
      setError(e);
    }
  };
  if (!catalog.data) return null;
  return (
    <form class="inline" onSubmit={submit} aria-label={`add ${kind}`}>
      <select value={choice} onChange={(e) => setChoice(e.currentTarget.value)} aria-label={kind === 'modules' ? 'module' : 'library'} required>
        <option value="">choose…</option>
        {catalog.data.map((item) => {
          const value = 'id' in item ? item.id : item.name;
          return (
            <option key={value} value={value} title={item.description}>
              {value}
            </option>
          );
        })}
      </select>
      <button type="submit">Add {kind === 'modules' ? 'module' : 'library'}</button>
      {error !== undefined && <ErrorNote error={error} />}
    </form>
  );
}

function NewSession({ templateId }: { templateId: string }) {
  const [fields, setFields] = useState({ workspace_id: 'ws-1', base_commit_oid: 'HEAD', worktree_path: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof fields) => (e: { currentTarget: HTMLInputElement }) => setFields({ ...fields, [key]: e.currentTarget.value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await api<Session>('/sessions', { method: 'POST', body: { template_id: templateId, ...fields } });
      navigate(`/sessions/${session.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Section title="New session">
      <form class="stack" onSubmit={submit} aria-label="new session">
        <label>
          workspace id <input name="workspace_id" value={fields.workspace_id} onInput={set('workspace_id')} required />
        </label>
        <label>
          base commit <input name="base_commit_oid" value={fields.base_commit_oid} onInput={set('base_commit_oid')} required />
        </label>
        <label>
          worktree path (absolute, on the daemon's machine)
          <input name="worktree_path" value={fields.worktree_path} onInput={set('worktree_path')} placeholder="/path/to/worktree" required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Starting…' : 'Start session'}
        </button>
      </form>
      {error !== undefined && <ErrorNote error={error} />}
    </Section>
  );
}
