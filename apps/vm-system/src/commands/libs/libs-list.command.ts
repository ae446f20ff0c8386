import { SubCommand } from 'nest-commander';
import { LIBRARY_CATALOG } from '@vm-system/domain';
import { cacheInfo } from '@vm-system/libraries';
import { LibsOfflineCommand } from './libs-offline-command';

@SubCommand({ name: 'list', description: 'Catalog libraries and whether each is in the local cache (no daemon needed)' })
export class LibsListCommand extends LibsOfflineCommand {
  protected async execute(cacheDir: string): Promise<void> {
    const statuses = cacheInfo(cacheDir).libraries;
    const libraries = LIBRARY_CATALOG.map((l, i) => ({ id: l.id, name: l.name, version: l.version, global: l.global, bundle: l.bundle, status: statuses[i].status }));
    this.cli.list(libraries, 'No libraries found', ['ID', 'NAME', 'VERSION', 'GLOBAL', 'STATUS'], (l) => [l.id, l.name, l.version, l.global, l.status.replace('_', ' ')]);
  }
}
