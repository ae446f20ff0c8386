import { join } from 'node:path';
import { runCli } from '../../test/support/cli';
import { startDaemon, TestDaemon } from '../../test/support/daemon';
import { startLocalRegistry } from '../../test/support/local-registry';
import { tempDir } from '../../test/support/paths';

/**
 * What scenarios share, made on first use: a daemon reading a library cache filled from a
 * registry on 127.0.0.1 (the catalog packages' tarballs packed from node_modules, as the
 * tests do: no network), and the big ledger the paging, rebuild and verify scenarios read.
 */
export class BenchContext {
  readonly dir = tempDir('vm-system-bench-');
  private daemonPromise?: Promise<TestDaemon>;
  private cachePromise?: Promise<string>;
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  private readonly daemons: TestDaemon[] = [];
  /** Shared between scenarios: the flood scenario fills it, the ledger scenarios read it. */
  readonly shared = new Map<string, Promise<unknown>>();

  constructor(readonly quick: boolean) {}

  /** `vm-system libs download` into a fresh cache directory, from the local registry. */
  libraryCache(): Promise<string> {
    this.cachePromise ??= (async () => {
      const registry = await startLocalRegistry();
      const cacheDir = join(this.dir, 'libraries');
      try {
        const download = await runCli(['libs', 'download', '--cache-dir', cacheDir, '--registry', registry.url]);
        if (download.code !== 0) throw new Error(`libs download failed: ${download.stderr}`);
      } finally {
        await registry.close();
      }
      return cacheDir;
    })();
    return this.cachePromise;
  }

  /** The daemon most scenarios use (real binary, real SQLite file, 127.0.0.1). */
  daemon(): Promise<TestDaemon> {
    this.daemonPromise ??= this.startDaemon();
    return this.daemonPromise;
  }

  /**
   * A daemon of its own (for a scenario that measures the whole process, or a fresh ledger):
   * on a fresh SQLite file, or on `db` (what `--db` takes, e.g. a PostgreSQL URL).
   */
  async startDaemon(extraArgs: string[] = [], db = join(tempDir('vm-system-bench-db-'), 'vm-system.db')): Promise<TestDaemon> {
    const cacheDir = await this.libraryCache();
    const daemon = await startDaemon({ dbFile: db, extraArgs: ['--cache-dir', cacheDir, ...extraArgs] });
    this.daemons.push(daemon);
    this.cleanups.push(() => daemon.stop());
    return daemon;
  }

  /** Memoised shared work (e.g. the 1M-event ledger), built by whichever scenario needs it first. */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.shared.has(key)) this.shared.set(key, make());
    return this.shared.get(key) as Promise<T>;
  }

  /** What each daemon printed, and how it ended if it did: for a run that failed. */
  daemonReports(): string[] {
    return this.daemons.map((d) => {
      const exit = d.process.exitCode ?? d.process.signalCode;
      return `daemon ${d.url} (pid ${d.process.pid}${exit === null ? ', running' : `, exited ${exit}`}):\n${d.log().slice(-2000)}`;
    });
  }

  onClose(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  async close(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

export const log = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * Waits until the daemon's warm pool holds `hosts` loaded hosts. Untimed pacing between
 * measurements, polled every 20 ms: a tight loop of requests would steal the CPU the hosts
 * need to load.
 */
export async function warmPoolFull(client: { runtimeSummary(): Promise<{ warm_hosts: number }> }, hosts = 2): Promise<void> {
  while ((await client.runtimeSummary()).warm_hosts < hosts) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Lets the event loop run its I/O phase once. After seconds of synchronous work (a floor's
 * SQLite scan), a keep-alive socket the daemon closed meanwhile is only known to be closed
 * once its 'close' event is processed; a request issued before that would reuse it and fail
 * with a reset.
 */
export function drainIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
