import { spawnSync, type SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import { excerpt, HostModuleError } from './host-module-error';
import type { HostModule, HostModuleContext } from './host-module.types';

/**
 * `require('exec')`: `run(cmd, args)` runs a program in the worktree and returns its output.
 *
 * - No shell: `cmd` and `args` go to execve as they are, so `$(id)` or `;` stay literal.
 * - cwd is always the worktree; there is no option to change it.
 * - Bounded by the execution's remaining wall time (isolated-vm's cpu timeout does not run
 *   while the guest waits here): past it the command is killed and the execution ends in
 *   `timeout` (see ExecutionClock).
 * - Output is stdout followed by stderr (two pipes: interleaving them would need one shared
 *   file, which nothing could cap while the command runs), each capped at OUTPUT_CAP bytes; a
 *   command writing more is killed.
 * - The command runs in its own process group, killed afterwards: a background child that
 *   outlives the command does not keep running.
 * - Its environment is minimal (PATH, HOME, locale, TZ) plus the session's enabled `env`
 *   capabilities: the daemon's other variables are not handed to guest-chosen programs.
 *
 * This is not a sandbox: the program runs as the daemon's user and can read what that user
 * can. Templates enable `exec` knowingly.
 */

const OUTPUT_CAP = 1024 * 1024;
const BASE_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ'];

export function createExecModule(ctx: HostModuleContext): HostModule {
  const env: NodeJS.ProcessEnv = {};
  for (const name of BASE_ENV) if (typeof process.env[name] === 'string') env[name] = process.env[name];
  Object.assign(env, ctx.capabilities.env);

  return {
    functions: {
      run(cmd, args, ...extra) {
        if (typeof cmd !== 'string' || cmd === '') throw new HostModuleError('exec.run: cmd must be a non-empty string', { code: 'ERR_INVALID_ARG_TYPE' });
        const argv = args === undefined || args === null ? [] : args;
        if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
          throw new HostModuleError('exec.run: args must be an array of strings', { code: 'ERR_INVALID_ARG_TYPE' });
        }
        if (extra.length > 0) throw new HostModuleError('exec.run takes (cmd, args): options such as cwd are not supported', { code: 'ERR_INVALID_ARG_VALUE' });
        if (cmd.includes('\0') || argv.some((a) => a.includes('\0'))) {
          throw new HostModuleError('exec.run: cmd and args must not contain NUL characters', { code: 'ERR_INVALID_ARG_VALUE' });
        }
        // Clamped: spawnSync wants a 32-bit timer value.
        const timeout = Math.min(ctx.clock.remainingMs(), 2_147_483_647);
        const options: SpawnSyncOptionsWithStringEncoding & { detached: boolean } = {
          cwd: ctx.worktree,
          env,
          shell: false,
          stdio: ['ignore', 'pipe', 'pipe'],
          encoding: 'utf8',
          timeout,
          killSignal: 'SIGKILL',
          maxBuffer: OUTPUT_CAP,
          // Own process group, so the cleanup below reaches whatever the command left behind.
          // Not in spawnSync's typings, but Node's spawn_sync.cc honours it (tested).
          detached: true,
          windowsHide: true,
        };
        const result = spawnSync(cmd, argv, options);
        if (result.pid) killGroup(result.pid);
        const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
        const label = [cmd, ...argv].map(quoteForMessage).join(' ');
        const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
        if (code === 'ETIMEDOUT') ctx.clock.expire(`the command was killed: ${label}`);
        if (code === 'ENOBUFS') {
          throw new HostModuleError(`Command output exceeded ${OUTPUT_CAP} bytes; the command was killed: ${label}`, {
            code: 'OUTPUT_TOO_LARGE',
            output: output.slice(0, 2 * OUTPUT_CAP),
          });
        }
        if (code === 'ENOENT') throw new HostModuleError(`Command not found: ${cmd}`, { code });
        if (code === 'EACCES') throw new HostModuleError(`Command is not executable: ${cmd}`, { code });
        if (result.error) throw new HostModuleError(`Command failed to start: ${label}: ${result.error.message}`, code ? { code } : {});
        if (result.status === 0) return output;
        const how = result.status === null ? `was killed by ${result.signal}` : `failed with exit code ${result.status}`;
        const tail = output === '' ? '' : `\n${excerpt(output)}`;
        throw new HostModuleError(`Command ${how}: ${label}${tail}`, {
          exitCode: result.status,
          signal: result.signal,
          output,
        });
      },
    },
  };
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left in the group
  }
}

// Only for messages: words with spaces or shell characters are shown quoted, so the argv is readable.
function quoteForMessage(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : JSON.stringify(word);
}
