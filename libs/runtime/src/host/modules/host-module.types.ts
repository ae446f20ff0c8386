import type { HonouredCapabilities } from './capabilities';
import type { ExecutionClock } from './execution-clock';

/** What every host module gets: the session's worktree, the execution's clock, its capabilities. */
export interface HostModuleContext {
  /** Absolute worktree path (validated again by the path guard on every use). */
  worktree: string;
  clock: ExecutionClock;
  capabilities: HonouredCapabilities;
}

/**
 * A module's functions. Arguments arrive parsed from the guest's JSON (plain data, untrusted:
 * every handler checks types); the return value goes back as JSON (see guest-values.ts).
 */
export type HostFunctions = Record<string, (...args: unknown[]) => unknown>;

export interface HostModule {
  functions: HostFunctions;
  /** Releases what the module holds (the database connection) when the session ends. */
  close?(): void;
}
