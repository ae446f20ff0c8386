import { SubCommand } from 'nest-commander';
import { TemplateDetail } from '@vm-system/client';
import { ClientCommand } from '../../cli/client-command';
import { formatTable } from '../../cli/table';

@SubCommand({ name: 'get', arguments: '<templateId>', description: 'Show a template with its settings, capabilities and startup files' })
export class TemplateGetCommand extends ClientCommand {
  protected async execute([templateId]: string[]): Promise<void> {
    const detail = await this.cli.client.getTemplate(templateId);
    this.cli.result(detail, () => describeTemplate(detail));
  }
}

function describeTemplate({ template, settings, capabilities, startup_files }: TemplateDetail): string {
  const lines = [
    `ID: ${template.id}`,
    `Name: ${template.name}`,
    `Engine: ${template.engine}`,
    `Created: ${template.created_at}`,
    `Updated: ${template.updated_at}`,
    `Limits: ${JSON.stringify(settings.limits)}`,
    `Resolver: ${JSON.stringify(settings.resolver)}`,
    `Runtime: ${JSON.stringify(settings.runtime)}`,
    `Modules: ${template.exposed_modules.join(', ') || '-'}`,
    `Libraries: ${template.libraries.join(', ') || '-'}`,
    '',
    'Capabilities:',
    capabilities.length
      ? formatTable(
          ['KIND', 'NAME', 'ENABLED', 'CONFIG'],
          capabilities.map((c) => [c.kind, c.name, c.enabled, JSON.stringify(c.config)]),
        )
      : '  none',
    '',
    'Startup files:',
    startup_files.length
      ? formatTable(
          ['ORDER', 'PATH', 'MODE'],
          startup_files.map((f) => [f.order_index, f.path, f.mode]),
        )
      : '  none',
  ];
  return lines.join('\n');
}
