import { SqlExecutor } from '@vm-system/ledger';
import { CapabilityView, StartupFileView, TemplateDetailView, TemplateView } from './template.views';

interface TemplateRow {
  id: string;
  name: string;
  engine: string;
  settings: string;
  exposed_modules: string;
  libraries: string;
  created_at: string;
  updated_at: string;
}

const toView = (row: TemplateRow): TemplateView => ({
  id: row.id,
  name: row.name,
  engine: row.engine,
  is_active: true,
  exposed_modules: JSON.parse(row.exposed_modules),
  libraries: JSON.parse(row.libraries),
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** Reads of the templates projection; never touches the ledger or an aggregate. */
export class TemplatesReadModel {
  constructor(private readonly sql: SqlExecutor) {}

  list(): TemplateView[] {
    return this.sql.all<TemplateRow>('SELECT * FROM proj_templates ORDER BY created_position DESC').map(toView);
  }

  find(id: string): TemplateView | undefined {
    const row = this.sql.get<TemplateRow>('SELECT * FROM proj_templates WHERE id = ?', id);
    return row && toView(row);
  }

  detail(id: string): TemplateDetailView | undefined {
    const row = this.sql.get<TemplateRow>('SELECT * FROM proj_templates WHERE id = ?', id);
    if (!row) return undefined;
    return { template: toView(row), settings: JSON.parse(row.settings), capabilities: this.capabilities(id), startup_files: this.startupFiles(id) };
  }

  capabilities(templateId: string): CapabilityView[] {
    return this.sql
      .all<Record<string, unknown>>('SELECT id, template_id, kind, name, enabled, config FROM proj_template_capabilities WHERE template_id = ? ORDER BY position', templateId)
      .map((r) => ({ ...r, enabled: r.enabled === 1, config: JSON.parse(r.config as string) }) as CapabilityView);
  }

  startupFiles(templateId: string): StartupFileView[] {
    return this.sql.all<StartupFileView>(
      'SELECT id, template_id, path, order_index, mode FROM proj_template_startup_files WHERE template_id = ? ORDER BY order_index, position',
      templateId,
    );
  }
}
