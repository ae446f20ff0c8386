// Public surface of @vm-system/runtime. Deliberately nothing that loads isolated-vm: only the
// session host process (session-host.ts) does, never the daemon.
export * from './runtime.types';
export { SessionSupervisor, type SupervisorOptions, type StartObserver } from './daemon/session-supervisor';
export { HostDiedWhileStartingError } from './daemon/start-errors';
export type { RuntimeSession } from './daemon/host-session';
export { resolveInsideWorktree, validateWorktree, PathEscapeError, InvalidWorktreeError } from './path-guard';
