import { CapabilityKind } from './template.events';
import { TemplateSettingsPatch } from './template-settings';

/** What a caller asks of a template; ids are minted by the caller so decide stays pure. */
export type TemplateCommand =
  | { type: 'CreateTemplate'; templateId: string; name: string; engine: string }
  | { type: 'ChangeTemplateSettings'; patch: TemplateSettingsPatch }
  | { type: 'AddCapability'; capabilityId: string; kind: CapabilityKind; name: string; enabled: boolean; config: Record<string, unknown> }
  | { type: 'AddStartupFile'; startupFileId: string; path: string; orderIndex: number; mode: string }
  | { type: 'AddModule'; name: string }
  | { type: 'RemoveModule'; name: string }
  | { type: 'AddLibrary'; name: string }
  | { type: 'RemoveLibrary'; name: string }
  | { type: 'DeleteTemplate' };
