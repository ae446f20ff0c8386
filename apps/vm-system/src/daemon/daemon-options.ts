import type { Durability } from '@vm-system/ledger';
import type { GuardOptions } from '@vm-system/http';
import { LogLevel } from '../cli/global-options';
import { hostname } from 'node:os';
import { LOG_FORMATS, LogFormat } from './logging/daemon-logger';

export interface DaemonOptions {
  /** The SQLite file (absolute) or a postgres:// URL. */
  db: string;
  /** --node-id: this daemon's name among those sharing a PostgreSQL ledger (default: host name + port). */
  nodeId?: string;
  /** --advertise-url: how the other daemons reach this one (default: the address it listens on). */
  advertiseUrl?: string;
  /** Absolute directory of the library cache (`--cache-dir`). */
  libraryCacheDir: string;
  host: string;
  port: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** What the flags' combination risks, logged at warn as the daemon starts. */
  warnings: string[];
  durability: Durability;
  guard: GuardOptions;
  /** Directories a session's worktree must resolve inside; empty: anywhere. */
  worktreeRoots: string[];
  /** VM_SYSTEM_ADMIN_TOKEN. */
  adminToken?: string;
  /** --tls-cert / --tls-key, read: the daemon serves HTTPS. */
  tls?: { cert: Buffer; key: Buffer };
  /** --suspend-idle-after in milliseconds; 0: never. */
  suspendIdleAfterMs: number;
  /** --warm-pool-max (or VM_SYSTEM_WARM_POOL_MAX): warm session hosts kept at most. */
  warmPoolMax: number;
}

/** `127.0.0.1:3210`, `:3210` or `3210`. */
export function parseListen(listen: string): { host: string; port: number } {
  const match = /^(?:(.*):)?(\d{1,5})$/.exec(listen.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) throw new Error(`--listen must be HOST:PORT, got ${listen}`);
  return { host: match[1] || '127.0.0.1', port };
}

export const DURABILITIES: Durability[] = ['full', 'normal'];

export function parseDurability(value: string): Durability {
  if (!(DURABILITIES as string[]).includes(value)) throw new Error(`--durability must be full or normal, got ${value}`);
  return value as Durability;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `0`, `500ms`, `30s`, `30m`, `2h` (a bare number is seconds). */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new Error(`${flag} must be a duration like 30m, 90s, 500ms or 0, got ${value}`);
  return Number(match[1]) * DURATION_UNITS[match[2] ?? 's'];
}

/** `--log-format`: text (default) or json. */
export function parseLogFormat(value: string): LogFormat {
  if (!(LOG_FORMATS as readonly string[]).includes(value)) throw new Error(`--log-format must be text or json, got ${value}`);
  return value as LogFormat;
}

/** `--node-id` and `--advertise-url` as given; their defaults need the port the daemon got (see nodeIdOf). */
export function parseNodeFlags(flags: { nodeId?: string; advertiseUrl?: string }): { nodeId?: string; advertiseUrl?: string } {
  if (flags.nodeId !== undefined && !/^[\w.:@-]{1,100}$/.test(flags.nodeId)) {
    throw new Error(`--node-id must be 1-100 letters, digits or . : @ _ -, got ${flags.nodeId}`);
  }
  if (flags.advertiseUrl !== undefined && !/^https?:\/\/[^/?#]+\/?$/.test(flags.advertiseUrl)) {
    throw new Error(`--advertise-url must be http(s)://HOST[:PORT], got ${flags.advertiseUrl}`);
  }
  return { nodeId: flags.nodeId, advertiseUrl: flags.advertiseUrl?.replace(/\/$/, '') };
}

/** The node's name: --node-id, or host name + port (+ the process id when the system picks the port). */
export function nodeIdOf(flags: { nodeId?: string }, port: number): string {
  return flags.nodeId ?? (port === 0 ? `${hostname()}:0-${process.pid}` : `${hostname()}:${port}`);
}

/** `--warm-pool-max`'s default (the supervisor's own, which this layer may not import): 8 waiting hosts are ~480 MB at most (~53-60 MB each). */
export const DEFAULT_WARM_POOL_MAX = 8;
/** More would be gigabytes of waiting processes: a typo, not a setting. */
const WARM_POOL_MAX_LIMIT = 256;

/** `--warm-pool-max N`, else VM_SYSTEM_WARM_POOL_MAX (an empty one counts as unset), else the default. */
export function parseWarmPoolMax(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const [value, source] =
    flag !== undefined ? [flag, '--warm-pool-max'] : env.VM_SYSTEM_WARM_POOL_MAX ? [env.VM_SYSTEM_WARM_POOL_MAX, 'VM_SYSTEM_WARM_POOL_MAX (--warm-pool-max)'] : [undefined, ''];
  if (value === undefined) return DEFAULT_WARM_POOL_MAX;
  if (!/^\d+$/.test(value.trim()) || Number(value) > WARM_POOL_MAX_LIMIT) throw new Error(`${source} must be a whole number from 0 to ${WARM_POOL_MAX_LIMIT}, got ${value}`);
  return Number(value);
}
