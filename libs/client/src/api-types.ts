/** What the daemon answers: the shapes of the REST contract. */
export interface Template {
  id: string;
  name: string;
  engine: string;
  is_active: boolean;
  exposed_modules: string[];
  libraries: string[];
  created_at: string;
  updated_at: string;
}

export interface TemplateSettings {
  limits: { cpu_ms: number; wall_ms: number; mem_mb: number; max_events: number; max_output_kb: number };
  resolver: { roots: string[]; extensions: string[]; allow_absolute_repo_imports: boolean };
  runtime: { esm: boolean; strict: boolean; console: boolean };
}

export interface Capability {
  id: string;
  template_id: string;
  kind: string;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
}

export interface StartupFile {
  id: string;
  template_id: string;
  path: string;
  order_index: number;
  mode: string;
}

export interface TemplateDetail {
  template: Template;
  settings: TemplateSettings;
  capabilities: Capability[];
  startup_files: StartupFile[];
}

export interface CatalogModule {
  name: string;
  description: string;
  functions: string[];
}

export interface CatalogLibrary {
  id: string;
  name: string;
  version: string;
  global: string;
  description: string;
}

export interface LedgerEvent {
  position: number;
  stream_id: string;
  seq: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: string;
}

export type SettingsPatch = { [K in keyof TemplateSettings]?: Partial<TemplateSettings[K]> };
