import { Command, CommandRunner, Option } from 'nest-commander';
import { resolve } from 'node:path';
import { CliContext } from '../cli/cli-context';
import { DEFAULT_LIBRARY_CACHE_DIR } from '@vm-system/libraries';
import { acquireDaemonLock } from '../daemon/daemon-lock';
import type { Durability } from '@vm-system/ledger';
import { parseDuration, parseDurability, parseListen, parseLogFormat, parseNodeFlags, parseWarmPoolMax } from '../daemon/daemon-options';
import type { LogFormat } from '../daemon/logging/daemon-logger';
import { reportUsageError } from '../cli/usage-error';
import { ServeSecurity, ServeSecurityFlags, serveSecurity } from '../daemon/serve-security';

interface ServeFlags extends ServeSecurityFlags {
  listen?: string;
  cacheDir?: string;
  durability?: string;
  suspendIdleAfter?: string;
  logFormat?: string;
  nodeId?: string;
  advertiseUrl?: string;
  warmPoolMax?: string;
}

@Command({ name: 'serve', description: 'Start the daemon (blocks until SIGINT/SIGTERM)' })
export class ServeCommand extends CommandRunner {
  constructor(private readonly cli: CliContext) {
    super();
  }

  async run(_: string[], flags: ServeFlags = {}): Promise<void> {
    let address: { host: string; port: number };
    let durability: Durability;
    let security: ServeSecurity;
    let suspendIdleAfterMs: number;
    let warmPoolMax: number;
    let logFormat: LogFormat;
    let releaseLock: () => void;
    let node: { nodeId?: string; advertiseUrl?: string };
    try {
      address = parseListen(flags.listen ?? '127.0.0.1:3210');
      durability = parseDurability(flags.durability ?? 'full');
      security = serveSecurity(address.host, flags);
      suspendIdleAfterMs = parseDuration('--suspend-idle-after', flags.suspendIdleAfter ?? '30m');
      logFormat = parseLogFormat(flags.logFormat ?? 'text');
      node = parseNodeFlags(flags);
      warmPoolMax = parseWarmPoolMax(flags.warmPoolMax);
    } catch (error) {
      // Every flag mistake here is a usage error.
      reportUsageError((error as Error).message);
      return;
    }
    // Loaded here, not at the top: client commands must not pay for TypeORM or isolated-vm.
    const { startDaemon, isPostgresUrl, redactPostgresUrl } = await import('../daemon/start-daemon');
    const onPostgres = isPostgresUrl(this.cli.options.db);
    const db = onPostgres ? this.cli.options.db : resolve(this.cli.options.db);
    // The others would send this daemon's requests to 0.0.0.0, that is to themselves.
    if (onPostgres && !node.advertiseUrl && ['0.0.0.0', '::', ''].includes(address.host)) {
      reportUsageError(
        `--advertise-url is required with --listen ${address.host}:${address.port} on a shared PostgreSQL ledger: the other daemons must know where to reach this one`,
      );
      return;
    }
    try {
      // Several daemons share one PostgreSQL ledger; one SQLite file has one daemon.
      releaseLock = onPostgres ? () => undefined : acquireDaemonLock(db);
    } catch (error) {
      process.stderr.write(`Error: ${(error as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    const { host, port } = address;
    const libraryCacheDir = resolve(flags.cacheDir ?? DEFAULT_LIBRARY_CACHE_DIR);
    const daemon = await startDaemon({
      db,
      ...node,
      libraryCacheDir,
      host,
      port,
      logLevel: this.cli.options.logLevel,
      logFormat,
      warnings: security.warnings,
      durability,
      suspendIdleAfterMs,
      warmPoolMax,
      ...security.daemon,
    }).catch((error: Error) => {
      releaseLock();
      // Warm session hosts may already be forked; exit so they are not left behind.
      process.stderr.write(`Error: the daemon could not start: ${error.message}\n`);
      process.exit(1);
    });
    // stderr, once: the only time this secret is ever shown.
    if (daemon.mintedAdminToken) process.stderr.write(`admin token: ${daemon.mintedAdminToken}\n`);
    this.cli.print(
      `vm-system daemon listening on ${daemon.url} (db: ${onPostgres ? redactPostgresUrl(db) : db}, node: ${daemon.nodeId}, durability: ${durability}, auth: ${security.daemon.guard.auth}, libraries: ${libraryCacheDir})`,
    );
    await new Promise<void>((done) => {
      let stopping = false;
      // `on`, not `once`: a terminal's Ctrl+C reaches both the launcher and this process,
      // and a second signal must not cut the graceful shutdown short.
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        this.cli.print(`Received ${signal}, shutting down`);
        daemon.app.close().finally(releaseLock).then(done, done);
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
  }

  @Option({ flags: '--node-id <name>', description: "this daemon's name among those sharing a PostgreSQL ledger (default: host name + port)" })
  parseNodeId(value: string): string {
    return value;
  }

  @Option({ flags: '--advertise-url <url>', description: 'how the other daemons reach this one (default: http(s):// + the listen address)' })
  parseAdvertiseUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--suspend-idle-after <duration>', description: 'suspend sessions unused this long (e.g. 30m, 90s, 500ms; 0 = never; default 30m)' })
  parseSuspendIdleAfter(value: string): string {
    return value;
  }

  @Option({
    flags: '--warm-pool-max <n>',
    description: 'session hosts kept forked and waiting at most, after a burst of creates (~53-60 MB each; 2 when quiet; 0 = none; default 8; env VM_SYSTEM_WARM_POOL_MAX)',
  })
  parseWarmPoolMax(value: string): string {
    return value;
  }

  @Option({ flags: '--cache-dir <dir>', description: `where session libraries are read from (default ${DEFAULT_LIBRARY_CACHE_DIR}, as libs download)` })
  parseCacheDir(value: string): string {
    return value;
  }

  @Option({ flags: '--log-format <format>', description: 'text (default): readable lines; json: one object a line (time, level, msg, request_id, …); on stderr' })
  parseLogFormat(value: string): string {
    return value;
  }

  @Option({
    flags: '--durability <mode>',
    description:
      'full (default): every commit is fsynced, an acknowledged event survives power loss; normal: faster, the last commits may be lost on power loss (never on a crash of the daemon)',
  })
  parseDurability(value: string): string {
    return value;
  }

  @Option({ flags: '--listen <address>', description: 'HTTP address (default 127.0.0.1:3210); off loopback, auth is on' })
  parseListen(value: string): string {
    return value;
  }

  @Option({ flags: '--auth <mode>', description: 'token: every API request needs a bearer token (forced off loopback); none (default on loopback)' })
  parseAuth(value: string): string {
    return value;
  }

  @Option({ flags: '--allowed-host <name>', description: 'a Host name the daemon answers besides localhost, 127.0.0.1 and [::1] (repeatable)' })
  parseAllowedHost(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({ flags: '--allowed-origin <url>', description: 'a web origin that may write to the API and gets CORS headers (repeatable)' })
  parseAllowedOrigin(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({ flags: '--worktree-root <dir>', description: "sessions' worktrees must resolve inside one of these (repeatable; default with auth: the working directory)" })
  parseWorktreeRoot(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({ flags: '--tls-cert <file>', description: 'serve HTTPS with this PEM certificate (with --tls-key)' })
  parseTlsCert(value: string): string {
    return value;
  }

  @Option({ flags: '--tls-key <file>', description: 'the PEM private key of --tls-cert' })
  parseTlsKey(value: string): string {
    return value;
  }
}
