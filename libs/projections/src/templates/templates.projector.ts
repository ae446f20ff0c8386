import { DomainError, TemplateEvent, mergeSettings } from '@vm-system/domain';
import { InlineProjector, SqlExecutor, StoredEvent } from '@vm-system/ledger';

const templateIdOf = (event: StoredEvent) => event.stream_id.slice('template-'.length);

/** Keeps proj_templates and its child tables equal to the template streams. */
export const templatesProjector: InlineProjector = {
  name: 'templates',

  apply(sql: SqlExecutor, stored: StoredEvent): void {
    if (!stored.stream_id.startsWith('template-')) return;
    const event = { type: stored.type, data: stored.data } as TemplateEvent;
    const id = templateIdOf(stored);
    const at = stored.recorded_at;
    switch (event.type) {
      case 'TemplateCreated': {
        const { name, engine, settings } = event.data;
        if (sql.get('SELECT 1 FROM proj_templates WHERE name = ?', name)) {
          throw new DomainError('TEMPLATE_NAME_TAKEN', `Template name already used: ${name}`, { name });
        }
        sql.run(
          'INSERT INTO proj_templates (id, name, engine, settings, exposed_modules, libraries, created_position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          id,
          name,
          engine,
          JSON.stringify(settings),
          '[]',
          '[]',
          stored.position,
          at,
          at,
        );
        return;
      }
      case 'TemplateSettingsChanged': {
        const row = sql.get<{ settings: string }>('SELECT settings FROM proj_templates WHERE id = ?', id);
        if (row) sql.run('UPDATE proj_templates SET settings = ?, updated_at = ? WHERE id = ?', JSON.stringify(mergeSettings(JSON.parse(row.settings), event.data)), at, id);
        return;
      }
      case 'CapabilityAdded': {
        const c = event.data;
        sql.run(
          'INSERT INTO proj_template_capabilities (id, template_id, kind, name, enabled, config, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
          c.id,
          id,
          c.kind,
          c.name,
          c.enabled ? 1 : 0,
          JSON.stringify(c.config),
          stored.position,
        );
        return touch(sql, id, at);
      }
      case 'StartupFileAdded': {
        const f = event.data;
        sql.run(
          'INSERT INTO proj_template_startup_files (id, template_id, path, order_index, mode, position) VALUES (?, ?, ?, ?, ?, ?)',
          f.id,
          id,
          f.path,
          f.order_index,
          f.mode,
          stored.position,
        );
        return touch(sql, id, at);
      }
      case 'ModuleAdded':
        return editList(sql, id, 'exposed_modules', at, (list) => [...list, event.data.name]);
      case 'ModuleRemoved':
        return editList(sql, id, 'exposed_modules', at, (list) => list.filter((m) => m !== event.data.name));
      case 'LibraryAdded':
        return editList(sql, id, 'libraries', at, (list) => [...list, event.data.name]);
      case 'LibraryRemoved':
        return editList(sql, id, 'libraries', at, (list) => list.filter((l) => l !== event.data.name));
      case 'TemplateDeleted':
        sql.run('DELETE FROM proj_template_capabilities WHERE template_id = ?', id);
        sql.run('DELETE FROM proj_template_startup_files WHERE template_id = ?', id);
        sql.run('DELETE FROM proj_templates WHERE id = ?', id);
        return;
    }
  },

  reset(sql: SqlExecutor): void {
    sql.run('DELETE FROM proj_template_capabilities');
    sql.run('DELETE FROM proj_template_startup_files');
    sql.run('DELETE FROM proj_templates');
  },

  snapshot(sql: SqlExecutor): unknown[] {
    return [
      ...sql.all('SELECT * FROM proj_templates ORDER BY id'),
      ...sql.all('SELECT * FROM proj_template_capabilities ORDER BY id'),
      ...sql.all('SELECT * FROM proj_template_startup_files ORDER BY id'),
    ];
  },
};

function touch(sql: SqlExecutor, id: string, at: string): void {
  sql.run('UPDATE proj_templates SET updated_at = ? WHERE id = ?', at, id);
}

function editList(sql: SqlExecutor, id: string, column: 'exposed_modules' | 'libraries', at: string, edit: (list: string[]) => string[]): void {
  const row = sql.get<Record<string, string>>(`SELECT ${column} FROM proj_templates WHERE id = ?`, id);
  if (!row) return;
  sql.run(`UPDATE proj_templates SET ${column} = ?, updated_at = ? WHERE id = ?`, JSON.stringify(edit(JSON.parse(row[column]))), at, id);
}
