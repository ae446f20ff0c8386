import { Option, SubCommand } from 'nest-commander';
import { LibraryDownloadProgress, downloadLibraries } from '@vm-system/libraries';
import { FlagError } from '../../cli/parse-flags';
import { LibsFlags, LibsOfflineCommand, formatBytes } from './libs-offline-command';

@SubCommand({ name: 'download', description: 'Download every catalog library into the local cache (no daemon needed)' })
export class LibsDownloadCommand extends LibsOfflineCommand {
  protected async execute(cacheDir: string, flags: LibsFlags): Promise<void> {
    if (flags.registry !== undefined && !/^https?:\/\/[^/]/.test(flags.registry)) {
      throw new FlagError('--registry', `--registry must be an http(s) URL: ${flags.registry}`, 'VALIDATION_ERROR');
    }
    // Progress goes to stderr so that stdout stays the summary (or the JSON report).
    const report = await downloadLibraries({ cacheDir, registry: flags.registry, onProgress: showProgress });
    this.cli.result(report, () => `Downloaded ${report.downloaded}, cached ${report.skipped}, failed ${report.failed} (cache: ${report.cache_dir}, registry: ${report.registry})`);
    const failed = report.libraries.filter((l) => l.status === 'failed');
    if (failed.length > 0) throw new Error(`${failed.length} of ${report.libraries.length} libraries failed: ${failed.map((l) => l.id).join(', ')}`);
  }

  @Option({ flags: '--registry <url>', description: "npm registry to fetch from (default: npm's configured registry)" })
  parseRegistry(value: string): string {
    return value;
  }
}

function showProgress({ phase, index, total, library, result }: LibraryDownloadProgress): void {
  if (phase === 'start') {
    process.stderr.write(`[${index}/${total}] ${library.id} ... `);
    return;
  }
  const line = result!.status === 'downloaded' ? `downloaded (${formatBytes(result!.size!)})` : result!.status === 'skipped' ? 'cached' : `FAILED: ${result!.error}`;
  process.stderr.write(`${line}\n`);
}
