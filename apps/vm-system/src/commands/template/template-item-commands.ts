import { Option, SubCommand } from 'nest-commander';
import { VmSystemClient } from '@vm-system/client';
import { ClientCommand, Flags } from '../../cli/client-command';

interface ItemKind {
  /** `module` or `library`: names the commands (add-module …) and the output lines. */
  noun: 'module' | 'library';
  plural: 'modules' | 'libraries';
  add(client: VmSystemClient, templateId: string, name: string): Promise<{ template_id: string; name: string }>;
  remove(client: VmSystemClient, templateId: string, name: string): Promise<{ template_id: string; name: string }>;
  list(client: VmSystemClient, templateId: string): Promise<string[]>;
}

/** add-X, remove-X and list-Xs for the two name lists a template holds. */
function itemCommands(kind: ItemKind) {
  @SubCommand({ name: `add-${kind.noun}`, arguments: '<templateId>', description: `Enable a ${kind.noun} on a template` })
  class AddItemCommand extends ClientCommand {
    protected async execute([templateId]: string[], flags: Flags): Promise<void> {
      const answer = await kind.add(this.cli.client, templateId, flags.name as string);
      this.cli.result(answer, () => `Added ${kind.noun}: ${answer.name} to template ${answer.template_id}`);
    }

    @Option({ flags: '--name <name>', description: `${kind.noun} name`, required: true })
    parseName(value: string): string {
      return value;
    }
  }

  @SubCommand({ name: `remove-${kind.noun}`, arguments: '<templateId>', description: `Remove a ${kind.noun} from a template` })
  class RemoveItemCommand extends ClientCommand {
    protected async execute([templateId]: string[], flags: Flags): Promise<void> {
      const answer = await kind.remove(this.cli.client, templateId, flags.name as string);
      this.cli.result(answer, () => `Removed ${kind.noun}: ${answer.name} from template ${answer.template_id}`);
    }

    @Option({ flags: '--name <name>', description: `${kind.noun} name`, required: true })
    parseName(value: string): string {
      return value;
    }
  }

  @SubCommand({ name: `list-${kind.plural}`, arguments: '<templateId>', description: `List a template's ${kind.plural}` })
  class ListItemsCommand extends ClientCommand {
    protected async execute([templateId]: string[]): Promise<void> {
      const names = await kind.list(this.cli.client, templateId);
      this.cli.list(names, `No ${kind.plural} found`, [kind.noun.toUpperCase()], (name) => [name]);
    }
  }

  // nest-commander pairs options with commands by class name: the module and library
  // commands need names of their own, or each would get the other's --name as well.
  const noun = kind.noun[0].toUpperCase() + kind.noun.slice(1);
  const plural = kind.plural[0].toUpperCase() + kind.plural.slice(1);
  return [named(AddItemCommand, `TemplateAdd${noun}Command`), named(RemoveItemCommand, `TemplateRemove${noun}Command`), named(ListItemsCommand, `TemplateList${plural}Command`)];
}

const named = <T extends abstract new (...args: never[]) => unknown>(command: T, name: string): T => Object.defineProperty(command, 'name', { value: name });

export const ModuleCommands = itemCommands({
  noun: 'module',
  plural: 'modules',
  add: (c, id, name) => c.addModule(id, name),
  remove: (c, id, name) => c.removeModule(id, name),
  list: (c, id) => c.listModules(id),
});

export const LibraryCommands = itemCommands({
  noun: 'library',
  plural: 'libraries',
  add: (c, id, name) => c.addLibrary(id, name),
  remove: (c, id, name) => c.removeLibrary(id, name),
  list: (c, id) => c.listLibraries(id),
});
