import { SubCommand } from 'nest-commander';
import { cacheInfo } from '@vm-system/libraries';
import { LibsOfflineCommand, formatBytes } from './libs-offline-command';

@SubCommand({ name: 'cache-info', description: 'Where the library cache is and what it holds (no daemon needed)' })
export class LibsCacheInfoCommand extends LibsOfflineCommand {
  protected async execute(cacheDir: string): Promise<void> {
    const info = cacheInfo(cacheDir);
    const cached = info.libraries.filter((l) => l.status === 'cached').length;
    this.cli.result(info, () =>
      [
        `Cache dir:        ${info.dir}${info.exists ? '' : ' (does not exist)'}`,
        `Files:            ${info.files}`,
        `Total size:       ${formatBytes(info.total_bytes)} (${info.total_bytes} bytes)`,
        `Manifest entries: ${info.manifest_entries}`,
        `Cached:           ${cached} of ${info.libraries.length} catalog libraries`,
      ].join('\n'),
    );
  }
}
