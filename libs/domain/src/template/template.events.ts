import { TemplateSettings, TemplateSettingsPatch } from './template-settings';

export type CapabilityKind = 'module' | 'global' | 'fs' | 'net' | 'env';
export const CAPABILITY_KINDS: readonly CapabilityKind[] = ['module', 'global', 'fs', 'net', 'env'];

export interface Capability {
  id: string;
  kind: CapabilityKind;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
}

export interface StartupFile {
  id: string;
  path: string;
  order_index: number;
  mode: string;
}

/** Facts about a template, named in the past tense; payloads are plain JSON. */
export type TemplateEvent =
  | { type: 'TemplateCreated'; data: { template_id: string; name: string; engine: string; settings: TemplateSettings } }
  | { type: 'TemplateSettingsChanged'; data: TemplateSettingsPatch }
  | { type: 'CapabilityAdded'; data: Capability }
  | { type: 'StartupFileAdded'; data: StartupFile }
  | { type: 'ModuleAdded'; data: { name: string } }
  | { type: 'ModuleRemoved'; data: { name: string } }
  | { type: 'LibraryAdded'; data: { name: string } }
  | { type: 'LibraryRemoved'; data: { name: string } }
  | { type: 'TemplateDeleted'; data: Record<string, never> };

export type TemplateEventType = TemplateEvent['type'];
