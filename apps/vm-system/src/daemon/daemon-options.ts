import type { Durability } from '@vm-system/ledger';
import type { GuardOptions } from '@vm-system/http';
import { LogLevel } from '../cli/global-options';

export interface DaemonOptions {
  dbFile: string;
  /** Absolute directory of the library cache (`--cache-dir`). */
  libraryCacheDir: string;
  host: string;
  port: number;
  logLevel: LogLevel;
  durability: Durability;
  guard: GuardOptions;
  /** Directories a session's worktree must resolve inside; empty: anywhere. */
  worktreeRoots: string[];
  /** VM_SYSTEM_ADMIN_TOKEN. */
  adminToken?: string;
  /** --tls-cert / --tls-key, read: the daemon serves HTTPS. */
  tls?: { cert: Buffer; key: Buffer };
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
