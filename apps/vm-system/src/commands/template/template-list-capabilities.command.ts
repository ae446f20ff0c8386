import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'list-capabilities', arguments: '<templateId>', description: 'List capabilities in the order added' })
export class TemplateListCapabilitiesCommand extends ClientCommand {
  protected async execute([templateId]: string[]): Promise<void> {
    const capabilities = await this.cli.client.listCapabilities(templateId);
    this.cli.list(capabilities, 'No capabilities found', ['KIND', 'NAME', 'ENABLED', 'CONFIG', 'ID'], (c) => [c.kind, c.name, c.enabled, JSON.stringify(c.config), c.id]);
  }
}
