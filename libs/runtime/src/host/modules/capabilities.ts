import type { SessionCapability } from '../../runtime.types';

/**
 * What a session's capability records change in the host (records that are disabled change
 * nothing):
 * - `env` NAME: the guest may read that one daemon environment variable, as `env.NAME` (a
 *   frozen global holding only the enabled names; absent when the daemon has no such variable).
 *   Commands run through `exec` get those variables too.
 * - `fs` with config `{"read_only": true}`: the fs module's write functions throw. If several fs
 *   records are enabled, any one asking for read-only wins.
 * - `net`: nothing to honour: sessions have no network API (no fetch, sockets or http module).
 * - `module`, `global`: recorded only.
 */

export interface HonouredCapabilities {
  /** Enabled env capability names with their values from this process's environment. */
  env: Record<string, string>;
  /** True when at least one env capability is enabled (the `env` global exists only then). */
  hasEnv: boolean;
  fsReadOnly: boolean;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function honourCapabilities(capabilities: readonly SessionCapability[] | undefined, environment: NodeJS.ProcessEnv): HonouredCapabilities {
  // No prototype: a capability named __proto__ must stay an ordinary key.
  const env: Record<string, string> = Object.create(null);
  let hasEnv = false;
  let fsReadOnly = false;
  for (const cap of capabilities ?? []) {
    if (cap === null || typeof cap !== 'object' || cap.enabled !== true) continue;
    if (cap.kind === 'env' && typeof cap.name === 'string' && ENV_NAME.test(cap.name)) {
      hasEnv = true;
      const value = environment[cap.name];
      if (typeof value === 'string') env[cap.name] = value;
    } else if (cap.kind === 'fs' && cap.config !== null && typeof cap.config === 'object' && cap.config.read_only === true) {
      fsReadOnly = true;
    }
  }
  return { env, hasEnv, fsReadOnly };
}
