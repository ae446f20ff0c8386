import { Injectable } from '@nestjs/common';
import { CommandRunner, Option } from 'nest-commander';
import { DEFAULT_LIBRARY_CACHE_DIR } from '@vm-system/libraries';
import { CliContext } from '../../cli/cli-context';

export type LibsFlags = { cacheDir?: string; registry?: string };

/** `libs` commands work on the local cache: no daemon; errors become one line and exit 1. */
@Injectable()
export abstract class LibsOfflineCommand extends CommandRunner {
  constructor(protected readonly cli: CliContext) {
    super();
  }

  async run(_params: string[], flags: LibsFlags = {}): Promise<void> {
    await this.cli.guard(() => this.execute(flags.cacheDir ?? DEFAULT_LIBRARY_CACHE_DIR, flags));
  }

  protected abstract execute(cacheDir: string, flags: LibsFlags): Promise<void>;

  @Option({ flags: '--cache-dir <dir>', description: `library cache directory (default ${DEFAULT_LIBRARY_CACHE_DIR}, relative to the working directory)` })
  parseCacheDir(value: string): string {
    return value;
  }
}

/** Byte counts for people: 512 B, 72 KB, 1.4 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
