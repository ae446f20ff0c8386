import type { GuestHostModulesConfig } from '../../guest/host-modules';
import type { SessionSpec } from '../../runtime.types';
import { honourCapabilities } from './capabilities';
import { ExecutionClock } from './execution-clock';
import { MAX_TRANSFER_CHARS, toGuestJson } from './guest-values';
import { HostModuleError } from './host-module-error';
import type { HostModule, HostModuleContext } from './host-module.types';

/**
 * The host side of `require(name)` for the session's enabled host modules, in the session host
 * process. The guest reaches it through one sync ivm.Callback, `invoke(module, fn, argsJson)`,
 * captured in the bootstrap closure (see guest-host-modules.ts); it answers with JSON text:
 * `[0]` or `[0, value]` for a result, `[1, {message, ...props}]` for an error. Plain data both
 * ways, so nothing host-side (objects, functions, References) can reach the guest.
 */

/** Function names per module; the daemon's catalog (libs/domain module-catalog) lists the same. */
export const HOST_MODULE_FUNCTIONS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  database: ['configure', 'query', 'exec', 'close'],
  exec: ['run'],
  fs: ['readFileSync', 'writeFileSync', 'existsSync', 'readdirSync', 'mkdirSync'],
});

type Factory = (ctx: HostModuleContext) => HostModule;

// Implementations are required on first use, so better-sqlite3 (a native addon) is only ever
// loaded in a host whose guest actually calls the database module.
const FACTORIES: Readonly<Record<string, () => Factory>> = {
  database: () => (require('./database-module') as typeof import('./database-module')).createDatabaseModule,
  exec: () => (require('./exec-module') as typeof import('./exec-module')).createExecModule,
  fs: () => (require('./fs-module') as typeof import('./fs-module')).createFsModule,
};

export class HostModules {
  private readonly clock = new ExecutionClock();
  private readonly enabled: ReadonlySet<string>;
  private readonly loaded = new Map<string, HostModule>();
  private readonly ctx: HostModuleContext;
  private readonly config: GuestHostModulesConfig;

  constructor(spec: SessionSpec, environment: NodeJS.ProcessEnv = process.env) {
    this.enabled = new Set(spec.modules.filter((name) => Object.hasOwn(HOST_MODULE_FUNCTIONS, name)));
    const capabilities = honourCapabilities(spec.capabilities, environment);
    this.ctx = { worktree: spec.worktreePath, clock: this.clock, capabilities };
    const modules: Record<string, string[]> = {};
    for (const name of this.enabled) modules[name] = [...HOST_MODULE_FUNCTIONS[name]];
    this.config = { modules, env: capabilities.hasEnv ? { ...capabilities.env } : null };
  }

  /** What the guest bootstrap needs: module function names and the env capability values. */
  guestConfig(): GuestHostModulesConfig {
    return this.config;
  }

  beginRun(wallMs: number): void {
    this.clock.begin(wallMs);
  }

  /** True when a host function ran out of the execution's wall time (the run is a timeout). */
  endRun(): boolean {
    return this.clock.end();
  }

  /** The Callback's body. Never throws: errors travel as data and the guest throws them. */
  invoke(module: unknown, fn: unknown, argsJson: unknown): string {
    try {
      const args = this.checkCall(module, fn, argsJson);
      const value = this.load(module as string).functions[fn as string](...args);
      return value === undefined ? '[0]' : `[0,${toGuestJson(value)}]`;
    } catch (err) {
      return errorReply(err);
    }
  }

  /** Closes what modules hold (the database connection). */
  close(): void {
    for (const mod of this.loaded.values()) {
      try {
        mod.close?.();
      } catch {
        // the session is ending anyway
      }
    }
    this.loaded.clear();
  }

  // The guest wrappers only ever send their own names, but the Callback is the trust boundary.
  private checkCall(module: unknown, fn: unknown, argsJson: unknown): unknown[] {
    if (typeof module !== 'string' || !this.enabled.has(module)) throw new HostModuleError(`Invalid module: ${String(module)}`);
    if (typeof fn !== 'string' || !HOST_MODULE_FUNCTIONS[module].includes(fn)) {
      throw new HostModuleError(`${module} has no function ${String(fn)}`);
    }
    if (typeof argsJson !== 'string' || argsJson.length > MAX_TRANSFER_CHARS) {
      throw new HostModuleError(`${module}.${fn}: arguments too large (limit ${MAX_TRANSFER_CHARS} characters of JSON)`);
    }
    const args: unknown = JSON.parse(argsJson);
    if (!Array.isArray(args)) throw new HostModuleError(`${module}.${fn}: arguments must arrive as a JSON array`);
    return args;
  }

  private load(name: string): HostModule {
    let mod = this.loaded.get(name);
    if (mod === undefined) {
      mod = FACTORIES[name]()(this.ctx);
      this.loaded.set(name, mod);
    }
    return mod;
  }
}

function errorReply(err: unknown): string {
  const props = err instanceof HostModuleError ? err.props : {};
  const message = err instanceof Error ? err.message : String(err);
  try {
    return JSON.stringify([1, { ...props, message }]);
  } catch {
    return JSON.stringify([1, { message }]);
  }
}
