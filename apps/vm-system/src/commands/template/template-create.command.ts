import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';

@SubCommand({ name: 'create', description: 'Create a template' })
export class TemplateCreateCommand extends ClientCommand {
  protected async execute(_: string[], flags: Flags): Promise<void> {
    const template = await this.cli.client.createTemplate({ name: flags.name as string, engine: flags.engine as string });
    this.cli.result(template, () => `Created template: ${template.name} (ID: ${template.id})`);
  }

  @Option({ flags: '--name <name>', description: 'template name (unique among live templates)', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--engine <engine>', description: 'engine (goja, the isolated-vm engine)', defaultValue: 'goja' })
  parseEngine(value: string): string {
    return value;
  }
}
