// Public surface of @vm-system/runtime. Deliberately nothing that loads isolated-vm: only the
// session host process (session-host.ts) does, never the daemon.
export * from './runtime.types';
export { SessionSupervisor, type SupervisorOptions } from './session-supervisor';
export type { RuntimeSession } from './runtime-session';
export { resolveInsideWorktree, validateWorktree, PathEscapeError, InvalidWorktreeError } from './path-guard';
