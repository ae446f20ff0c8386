import { Capability, StartupFile, TemplateSettings } from '@vm-system/domain';

export interface TemplateView {
  id: string;
  name: string;
  engine: string;
  is_active: boolean;
  exposed_modules: string[];
  libraries: string[];
  created_at: string;
  updated_at: string;
}

export type CapabilityView = Capability & { template_id: string };
export type StartupFileView = StartupFile & { template_id: string };

export interface TemplateDetailView {
  template: TemplateView;
  settings: TemplateSettings;
  capabilities: CapabilityView[];
  startup_files: StartupFileView[];
}
