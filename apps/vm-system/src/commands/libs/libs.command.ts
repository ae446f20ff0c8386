import { Command } from 'nest-commander';
import { CommandGroup } from '../../cli/command-group';
import { LibsCacheInfoCommand } from './libs-cache-info.command';
import { LibsDownloadCommand } from './libs-download.command';
import { LibsListCommand } from './libs-list.command';

export const LibsSubCommands = [LibsDownloadCommand, LibsListCommand, LibsCacheInfoCommand];

@Command({ name: 'libs', description: 'Manage the local library cache (no daemon needed)', subCommands: LibsSubCommands })
export class LibsCommand extends CommandGroup {}
