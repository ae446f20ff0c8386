import type { AuthMode, GuardOptions } from '@vm-system/http';
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DaemonOptions } from './daemon-options';

export interface ServeSecurityFlags {
  auth?: string;
  allowedHost?: string[];
  allowedOrigin?: string[];
  worktreeRoot?: string[];
  tlsCert?: string;
  tlsKey?: string;
}

export interface ServeSecurity {
  daemon: Pick<DaemonOptions, 'guard' | 'worktreeRoots' | 'adminToken' | 'tls'>;
  warnings: string[];
}

/**
 * serve's security flags → the daemon's options. Off loopback, auth is on and cannot be
 * turned off; with auth on, sessions live under the working directory unless told.
 */
export function serveSecurity(listenHost: string, flags: ServeSecurityFlags, env = process.env, cwd = process.cwd()): ServeSecurity {
  const loopback = isLoopback(listenHost);
  const auth = (flags.auth ?? (loopback ? 'none' : 'token')) as AuthMode;
  if (auth !== 'token' && auth !== 'none') throw new Error(`--auth must be token or none, got ${flags.auth}`);
  if (auth === 'none' && !loopback)
    throw new Error(`--auth none is refused on ${listenHost}: off loopback, anyone who reaches the port could run code as this user (--auth token is the default there)`);
  for (const origin of flags.allowedOrigin ?? []) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) throw new Error(`--allowed-origin must be scheme://host[:port] with nothing after, got ${origin}`);
  }
  if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) throw new Error('--tls-cert and --tls-key go together');
  const tls = flags.tlsCert && flags.tlsKey ? { cert: readPem(flags.tlsCert, '--tls-cert'), key: readPem(flags.tlsKey, '--tls-key') } : undefined;
  const roots = flags.worktreeRoot?.length ? flags.worktreeRoot : auth === 'token' ? [cwd] : [];
  const guard: GuardOptions = { auth, allowedHosts: flags.allowedHost ?? [], allowedOrigins: flags.allowedOrigin ?? [], scheme: tls ? 'https' : 'http' };
  const warnings = auth === 'token' && !loopback && !tls ? [`tokens travel in clear text on ${listenHost}: use --tls-cert/--tls-key or a TLS reverse proxy`] : [];
  return { daemon: { guard, worktreeRoots: roots.map((root) => realRoot(root)), adminToken: env.VM_SYSTEM_ADMIN_TOKEN || undefined, tls }, warnings };
}

/** 127.0.0.0/8, ::1 and localhost: the addresses only this machine reaches. */
export const isLoopback = (host: string): boolean => {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
};

function readPem(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`${flag}: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function realRoot(root: string): string {
  try {
    return realpathSync(resolve(root));
  } catch {
    throw new Error(`--worktree-root ${root} is not an existing directory`);
  }
}
