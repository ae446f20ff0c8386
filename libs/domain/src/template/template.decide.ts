import { DomainError } from '../errors/domain-error';
import { JS_BUILTINS, findCatalogModule } from '../catalog/module-catalog';
import { findCatalogLibrary } from '../catalog/library-catalog';
import { isSafeRelativePath } from '../shared/relative-path';
import { TemplateCommand } from './template.commands';
import { TemplateEvent } from './template.events';
import { LiveTemplate, TemplateState } from './template.state';
import { DEFAULT_TEMPLATE_SETTINGS, settingsPatchProblem } from './template-settings';

export const SUPPORTED_ENGINES = ['goja', 'isolated-vm'];
export const SUPPORTED_STARTUP_MODES = ['eval'];

/** Pure: the events a command causes on a template, or a DomainError. */
export function decideTemplate(command: TemplateCommand, state: TemplateState): TemplateEvent[] {
  if (command.type === 'CreateTemplate') {
    if (state.status !== 'absent') throw new DomainError('TEMPLATE_NAME_TAKEN', 'Template already exists');
    if (!SUPPORTED_ENGINES.includes(command.engine)) {
      throw new DomainError('ENGINE_NOT_SUPPORTED', `Engine not supported: ${command.engine} (supported: ${SUPPORTED_ENGINES.join(', ')})`, { engine: command.engine });
    }
    return [{ type: 'TemplateCreated', data: { template_id: command.templateId, name: command.name, engine: command.engine, settings: DEFAULT_TEMPLATE_SETTINGS } }];
  }
  if (command.type === 'ChangeTemplateSettings') {
    const problem = settingsPatchProblem(command.patch);
    if (problem) throw new DomainError('VALIDATION_ERROR', problem);
  }
  const template = requireLive(state);
  switch (command.type) {
    case 'ChangeTemplateSettings':
      return [{ type: 'TemplateSettingsChanged', data: command.patch }];
    case 'AddCapability':
      return addCapability(command, template);
    case 'AddStartupFile':
      return addStartupFile(command);
    case 'AddModule':
      return addModule(command.name, template);
    case 'RemoveModule': {
      const name = command.name.toLowerCase();
      return template.modules.includes(name) ? [{ type: 'ModuleRemoved', data: { name } }] : [];
    }
    case 'AddLibrary': {
      const id = requireCatalogLibrary(command.name);
      return template.libraries.includes(id) ? [] : [{ type: 'LibraryAdded', data: { name: id } }];
    }
    case 'RemoveLibrary': {
      const id = findCatalogLibrary(command.name)?.id ?? command.name.toLowerCase();
      return template.libraries.includes(id) ? [{ type: 'LibraryRemoved', data: { name: id } }] : [];
    }
    case 'DeleteTemplate':
      return [{ type: 'TemplateDeleted', data: {} }];
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}

function requireLive(state: TemplateState): LiveTemplate {
  if (state.status !== 'active') throw new DomainError('TEMPLATE_NOT_FOUND', 'Template not found');
  return state;
}

function addCapability(command: Extract<TemplateCommand, { type: 'AddCapability' }>, template: LiveTemplate): TemplateEvent[] {
  if (template.capabilities.some((c) => c.kind === command.kind && c.name === command.name)) {
    throw new DomainError('CAPABILITY_EXISTS', `Capability ${command.kind}:${command.name} already exists on template ${template.id}`, { kind: command.kind, name: command.name });
  }
  const { capabilityId: id, kind, name, enabled, config } = command;
  return [{ type: 'CapabilityAdded', data: { id, kind, name, enabled, config } }];
}

function addStartupFile(command: Extract<TemplateCommand, { type: 'AddStartupFile' }>): TemplateEvent[] {
  if (!SUPPORTED_STARTUP_MODES.includes(command.mode)) {
    throw new DomainError('STARTUP_MODE_UNSUPPORTED', `Startup mode not supported: ${command.mode} (only eval)`, { mode: command.mode });
  }
  if (!isSafeRelativePath(command.path)) {
    throw new DomainError('INVALID_PATH', `Startup path must be relative and stay inside the worktree: ${command.path}`, { path: command.path });
  }
  return [{ type: 'StartupFileAdded', data: { id: command.startupFileId, path: command.path, order_index: command.orderIndex, mode: command.mode } }];
}

function addModule(rawName: string, template: LiveTemplate): TemplateEvent[] {
  const name = rawName.toLowerCase();
  if (JS_BUILTINS.includes(name)) {
    throw new DomainError('MODULE_NOT_ALLOWED', `${rawName} is a JavaScript built-in, always available; it is not a module`, { name: rawName });
  }
  if (!findCatalogModule(name)) {
    throw new DomainError('MODULE_NOT_ALLOWED', `Module not in the catalog: ${rawName} (available: database, exec, fs)`, { name: rawName });
  }
  return template.modules.includes(name) ? [] : [{ type: 'ModuleAdded', data: { name } }];
}

function requireCatalogLibrary(name: string): string {
  const entry = findCatalogLibrary(name);
  if (!entry) throw new DomainError('LIBRARY_NOT_FOUND', `Library not in the catalog: ${name}`, { name });
  return entry.id;
}
