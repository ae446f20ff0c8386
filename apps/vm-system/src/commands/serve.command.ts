import { Command, CommandRunner, Option } from 'nest-commander';
import { resolve } from 'node:path';
import { CliContext } from '../cli/cli-context';
import { DEFAULT_LIBRARY_CACHE_DIR } from '@vm-system/libraries';
import { acquireDaemonLock } from '../daemon/daemon-lock';
import type { Durability } from '@vm-system/ledger';
import { parseDurability, parseListen } from '../daemon/daemon-options';

@Command({ name: 'serve', description: 'Start the daemon (blocks until SIGINT/SIGTERM)' })
export class ServeCommand extends CommandRunner {
  constructor(private readonly cli: CliContext) {
    super();
  }

  async run(_: string[], flags: { listen?: string; cacheDir?: string; durability?: string } = {}): Promise<void> {
    let address: { host: string; port: number };
    let durability: Durability;
    let releaseLock: () => void;
    const dbFile = resolve(this.cli.options.db);
    try {
      address = parseListen(flags.listen ?? '127.0.0.1:3210');
      durability = parseDurability(flags.durability ?? 'full');
      releaseLock = acquireDaemonLock(dbFile);
    } catch (error) {
      process.stderr.write(`Error: ${(error as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    const { host, port } = address;
    // Loaded here, not at the top: client commands must not pay for TypeORM or isolated-vm.
    const { startDaemon } = await import('../daemon/start-daemon');
    const libraryCacheDir = resolve(flags.cacheDir ?? DEFAULT_LIBRARY_CACHE_DIR);
    const daemon = await startDaemon({ dbFile, libraryCacheDir, host, port, logLevel: this.cli.options.logLevel, durability }).catch((error: Error) => {
      releaseLock();
      // Warm session hosts may already be forked; exit so they are not left behind.
      process.stderr.write(`Error: the daemon could not start: ${error.message}\n`);
      process.exit(1);
    });
    this.cli.print(`vm-system daemon listening on ${daemon.url} (db: ${dbFile}, durability: ${durability}, libraries: ${libraryCacheDir})`);
    await new Promise<void>((done) => {
      let stopping = false;
      // `on`, not `once`: a terminal's Ctrl+C reaches both the launcher and this process,
      // and a second signal must not cut the graceful shutdown short.
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        this.cli.print(`Received ${signal}, shutting down`);
        daemon.app
          .close()
          .finally(releaseLock)
          .then(done, done);
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
  }

  @Option({ flags: '--cache-dir <dir>', description: `where session libraries are read from (default ${DEFAULT_LIBRARY_CACHE_DIR}, as libs download)` })
  parseCacheDir(value: string): string {
    return value;
  }

  @Option({
    flags: '--durability <mode>',
    description: 'full (default): every commit is fsynced, an acknowledged event survives power loss; normal: faster, the last commits may be lost on power loss (never on a crash of the daemon)',
  })
  parseDurability(value: string): string {
    return value;
  }

  @Option({ flags: '--listen <address>', description: 'HTTP address (default 127.0.0.1:3210)' })
  parseListen(value: string): string {
    return value;
  }
}
