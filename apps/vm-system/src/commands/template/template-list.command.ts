import { SubCommand } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

@SubCommand({ name: 'list', description: 'List live templates, newest first' })
export class TemplateListCommand extends ClientCommand {
  protected async execute(): Promise<void> {
    const templates = await this.cli.client.listTemplates();
    this.cli.list(templates, 'No templates found', ['ID', 'NAME', 'ENGINE', 'MODULES', 'LIBRARIES', 'CREATED'], (t) => [
      t.id,
      t.name,
      t.engine,
      t.exposed_modules.join(',') || '-',
      t.libraries.join(',') || '-',
      t.created_at,
    ]);
  }
}
