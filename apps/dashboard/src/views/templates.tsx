import { useState } from 'preact/hooks';
import { api, Template } from '../api';
import { ErrorNote, Loading, Section } from '../components/common';
import { ago } from '../format';
import { useLoad } from '../hooks';
import { Link, navigate } from '../router';

export function Templates() {
  const templates = useLoad<Template[]>('/templates');
  return (
    <>
      <NewTemplate />
      <Section title="Templates" actions={<button onClick={templates.reload}>Refresh</button>}>
        {templates.error ? (
          <ErrorNote error={templates.error} />
        ) : !templates.data ? (
          <Loading />
        ) : templates.data.length === 0 ? (
          <p class="muted">No templates yet.</p>
        ) : (
          <div class="scroll">
            <table data-testid="templates">
              <thead>
                <tr>
                  <th>name</th>
                  <th>engine</th>
                  <th>modules</th>
                  <th>libraries</th>
                  <th>updated</th>
                </tr>
              </thead>
              <tbody>
                {templates.data.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <Link href={`/templates/${t.id}`}>{t.name}</Link>
                    </td>
                    <td>{t.engine}</td>
                    <td>{t.exposed_modules.join(', ') || '—'}</td>
                    <td>{t.libraries.join(', ') || '—'}</td>
                    <td title={t.updated_at}>{ago(t.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

function NewTemplate() {
  const [name, setName] = useState('');
  const [engine, setEngine] = useState('goja');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const template = await api<Template>('/templates', { method: 'POST', body: { name, engine } });
      navigate(`/templates/${template.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="New template">
      <form class="inline" onSubmit={submit} aria-label="new template">
        <label>
          name <input name="name" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
        </label>
        <label>
          engine
          <select name="engine" value={engine} onChange={(e) => setEngine(e.currentTarget.value)}>
            <option value="goja">goja</option>
            <option value="isolated-vm">isolated-vm</option>
          </select>
        </label>
        <button type="submit" disabled={busy}>
          Create template
        </button>
      </form>
      {error !== undefined && <ErrorNote error={error} />}
    </Section>
  );
}
