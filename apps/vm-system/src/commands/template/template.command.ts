import { Command } from 'nest-commander';
import { CommandGroup } from '../../cli/command-group';
import { LibraryCommands, ModuleCommands } from './template-item-commands';
import { TemplateAddCapabilityCommand } from './template-add-capability.command';
import { TemplateAddStartupCommand } from './template-add-startup.command';
import { TemplateListAvailableLibrariesCommand, TemplateListAvailableModulesCommand } from './template-catalog.commands';
import { TemplateCreateCommand } from './template-create.command';
import { TemplateDeleteCommand } from './template-delete.command';
import { TemplateGetCommand } from './template-get.command';
import { TemplateListCapabilitiesCommand } from './template-list-capabilities.command';
import { TemplateListStartupCommand } from './template-list-startup.command';
import { TemplateListCommand } from './template-list.command';

export const TemplateSubCommands = [
  TemplateCreateCommand,
  TemplateListCommand,
  TemplateGetCommand,
  TemplateDeleteCommand,
  TemplateAddStartupCommand,
  TemplateListStartupCommand,
  TemplateAddCapabilityCommand,
  TemplateListCapabilitiesCommand,
  ...ModuleCommands,
  ...LibraryCommands,
  TemplateListAvailableModulesCommand,
  TemplateListAvailableLibrariesCommand,
];

@Command({ name: 'template', description: 'Manage templates (runtime profiles)', subCommands: TemplateSubCommands })
export class TemplateCommand extends CommandGroup {}
