import { Capability, StartupFile } from './template.events';
import { TemplateSettings } from './template-settings';

export interface LiveTemplate {
  status: 'active';
  id: string;
  name: string;
  engine: string;
  settings: TemplateSettings;
  capabilities: Capability[];
  startupFiles: StartupFile[];
  modules: string[];
  libraries: string[];
}

export type TemplateState = { status: 'absent' } | LiveTemplate | (Omit<LiveTemplate, 'status'> & { status: 'deleted' });

export const initialTemplateState = (): TemplateState => ({ status: 'absent' });
