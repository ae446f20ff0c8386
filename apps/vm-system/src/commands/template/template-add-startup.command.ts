import { Option, SubCommand } from 'nest-commander';
import { ClientCommand, Flags } from '../../cli/client-command';
import { parseInteger } from '../../cli/parse-flags';

@SubCommand({ name: 'add-startup', arguments: '<templateId>', description: 'Add a startup file (relative to the session worktree)' })
export class TemplateAddStartupCommand extends ClientCommand {
  protected async execute([templateId]: string[], flags: Flags): Promise<void> {
    const file = await this.cli.client.addStartupFile(templateId, {
      path: flags.path as string,
      order_index: parseInteger('--order', String(flags.order ?? '0')),
      mode: flags.mode as string,
    });
    this.cli.result(file, () => `Added startup file: ${file.path} (order: ${file.order_index}) to template ${file.template_id}`);
  }

  @Option({ flags: '--path <path>', description: 'path relative to the worktree', required: true })
  parsePath(value: string): string {
    return value;
  }

  @Option({ flags: '--order <n>', description: 'run order, ascending (default 0)' })
  parseOrder(value: string): string {
    return value;
  }

  @Option({ flags: '--mode <mode>', description: 'only eval is supported', defaultValue: 'eval' })
  parseMode(value: string): string {
    return value;
  }
}
