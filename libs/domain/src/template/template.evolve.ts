import { TemplateEvent } from './template.events';
import { TemplateState } from './template.state';
import { mergeSettings } from './template-settings';

export function evolveTemplate(state: TemplateState, event: TemplateEvent): TemplateState {
  if (event.type === 'TemplateCreated') {
    const { template_id, name, engine, settings } = event.data;
    return { status: 'active', id: template_id, name, engine, settings, capabilities: [], startupFiles: [], modules: [], libraries: [] };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'TemplateSettingsChanged':
      return { ...state, settings: mergeSettings(state.settings, event.data) };
    case 'CapabilityAdded':
      return { ...state, capabilities: [...state.capabilities, event.data] };
    case 'StartupFileAdded':
      return { ...state, startupFiles: [...state.startupFiles, event.data] };
    case 'ModuleAdded':
      return { ...state, modules: [...state.modules, event.data.name] };
    case 'ModuleRemoved':
      return { ...state, modules: state.modules.filter((m) => m !== event.data.name) };
    case 'LibraryAdded':
      return { ...state, libraries: [...state.libraries, event.data.name] };
    case 'LibraryRemoved':
      return { ...state, libraries: state.libraries.filter((l) => l !== event.data.name) };
    case 'TemplateDeleted':
      return { ...state, status: 'deleted' };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
