import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'list-startup', arguments: '<templateId>', description: 'List startup files in run order' })
export class TemplateListStartupCommand extends ClientCommand {
  protected async execute([templateId]: string[]): Promise<void> {
    const files = await this.cli.client.listStartupFiles(templateId);
    this.cli.list(files, 'No startup files found', ['ORDER', 'PATH', 'MODE', 'ID'], (f) => [f.order_index, f.path, f.mode, f.id]);
  }
}
