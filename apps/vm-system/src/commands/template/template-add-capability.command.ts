import type { AddCapabilityBody } from '@vm-system/client';
import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';
import { parseBoolean, parseJsonObject } from '../../cli/parse-flags';

@SubCommand({ name: 'add-capability', arguments: '<templateId>', description: 'Record a capability (module, global, fs, net, env)' })
export class TemplateAddCapabilityCommand extends ClientCommand {
  protected async execute([templateId]: string[], flags: Flags): Promise<void> {
    const capability = await this.cli.client.addCapability(templateId, {
      // The daemon judges the kind (VALIDATION_ERROR naming the kinds).
      kind: flags.kind as AddCapabilityBody['kind'],
      name: flags.name as string,
      enabled: parseBoolean('--enabled', flags.enabled as string | boolean | undefined),
      config: parseJsonObject('--config', (flags.config as string) ?? '{}'),
    });
    this.cli.result(capability, () => `Added capability: ${capability.kind}:${capability.name} to template ${capability.template_id}`);
  }

  @Option({ flags: '--name <name>', description: 'capability name', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--kind <kind>', description: 'module, global, fs, net or env', defaultValue: 'module' })
  parseKind(value: string): string {
    return value;
  }

  @Option({ flags: '--config <json>', description: 'a JSON object (default {})' })
  parseConfig(value: string): string {
    return value;
  }

  @Option({ flags: '--enabled [bool]', description: 'true (default) or false' })
  parseEnabled(value: string): string {
    return value;
  }
}
