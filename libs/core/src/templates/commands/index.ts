import { AddCapabilityHandler } from './add-capability.handler';
import { AddLibraryHandler } from './add-library.handler';
import { AddModuleHandler } from './add-module.handler';
import { AddStartupFileHandler } from './add-startup-file.handler';
import { ChangeTemplateSettingsHandler } from './change-template-settings.handler';
import { CreateTemplateHandler } from './create-template.handler';
import { DeleteTemplateHandler } from './delete-template.handler';
import { RemoveLibraryHandler } from './remove-library.handler';
import { RemoveModuleHandler } from './remove-module.handler';

export const TemplateCommandHandlers = [
  CreateTemplateHandler,
  DeleteTemplateHandler,
  ChangeTemplateSettingsHandler,
  AddCapabilityHandler,
  AddStartupFileHandler,
  AddModuleHandler,
  RemoveModuleHandler,
  AddLibraryHandler,
  RemoveLibraryHandler,
];

export * from './add-capability.command';
export * from './add-library.command';
export * from './add-module.command';
export * from './add-startup-file.command';
export * from './change-template-settings.command';
export * from './create-template.command';
export * from './delete-template.command';
export * from './remove-library.command';
export * from './remove-module.command';
